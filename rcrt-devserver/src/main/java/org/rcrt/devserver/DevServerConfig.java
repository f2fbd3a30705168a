package org.rcrt.devserver;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;

/** Immutable settings of an {@link RcrtDevServer}; start from {@link #defaults()} and use the with-ers. */
public final class DevServerConfig {

    static final int DEFAULT_STREAM_QUEUE_CAPACITY = 1024;

    private final String host;
    private final int port;
    private final Duration sseDelay;
    private final Duration pingInterval;
    private final boolean authDisabled;
    private final byte[] jwtSecret;
    private final int streamQueueCapacity;

    private DevServerConfig(String host, int port, Duration sseDelay, Duration pingInterval,
                            boolean authDisabled, byte[] jwtSecret, int streamQueueCapacity) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        this.port = port;
        this.sseDelay = requireNotNegative(sseDelay, "sseDelay");
        this.pingInterval = Objects.requireNonNull(pingInterval, "pingInterval");
        if (pingInterval.isZero() || pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
        this.authDisabled = authDisabled;
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        if (jwtSecret.length == 0) {
            throw new IllegalArgumentException("jwtSecret must not be empty");
        }
        this.jwtSecret = jwtSecret.clone();
        if (streamQueueCapacity < 1) {
            throw new IllegalArgumentException("streamQueueCapacity must be positive: " + streamQueueCapacity);
        }
        this.streamQueueCapacity = streamQueueCapacity;
    }

    /** 127.0.0.1, an ephemeral port, no SSE delay, a ping every 5 s, JWT auth with a random HS256 secret. */
    public static DevServerConfig defaults() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new DevServerConfig("127.0.0.1", 0, Duration.ZERO, Duration.ofSeconds(5), false, secret,
                DEFAULT_STREAM_QUEUE_CAPACITY);
    }

    static Duration requireNotNegative(Duration delay, String name) {
        Objects.requireNonNull(delay, name);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + delay);
        }
        return delay;
    }

    public DevServerConfig withHost(String host) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public DevServerConfig withPort(int port) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public DevServerConfig withSseDelay(Duration sseDelay) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public DevServerConfig withPingInterval(Duration pingInterval) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public DevServerConfig withAuthDisabled(boolean authDisabled) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public DevServerConfig withJwtSecret(byte[] jwtSecret) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    /** Frames one SSE connection may have waiting; a client that falls further behind is disconnected. */
    DevServerConfig withStreamQueueCapacity(int streamQueueCapacity) {
        return new DevServerConfig(host, port, sseDelay, pingInterval, authDisabled, jwtSecret, streamQueueCapacity);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Duration sseDelay() {
        return sseDelay;
    }

    public Duration pingInterval() {
        return pingInterval;
    }

    public boolean authDisabled() {
        return authDisabled;
    }

    /** A copy of the HS256 secret, so an embedding test can sign its own tokens. */
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    int streamQueueCapacity() {
        return streamQueueCapacity;
    }

    @Override
    public String toString() {
        // The secret is deliberately left out.
        return "DevServerConfig[host=" + host + ", port=" + port + ", sseDelay=" + sseDelay
                + ", pingInterval=" + pingInterval + ", authDisabled=" + authDisabled
                + ", jwtSecret=<" + jwtSecret.length + " bytes>]";
    }
}

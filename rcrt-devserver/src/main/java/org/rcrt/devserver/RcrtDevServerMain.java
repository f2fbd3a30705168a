package org.rcrt.devserver;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar rcrt-devserver.jar [--port=8081] [--host=127.0.0.1] [--sse-delay=60s]
 * [--ping-interval=5s] [--auth=jwt|disabled]}
 */
public final class RcrtDevServerMain {

    static final String USAGE = "usage: java -jar rcrt-devserver.jar [--port=8081] [--host=127.0.0.1]"
            + " [--sse-delay=0s] [--ping-interval=5s] [--auth=jwt|disabled]";
    private static final int DEFAULT_PORT = 8081;

    private RcrtDevServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevServerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rcrt-devserver: " + e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        RcrtDevServer server;
        try {
            server = RcrtDevServer.start(config);
        } catch (IOException e) {
            System.err.println("rcrt-devserver: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rcrt-devserver-shutdown"));
        System.out.println("RCRT dev server listening on " + server.baseUri()
                + " (auth " + (config.authDisabled() ? "disabled" : "jwt") + ", sse delay " + config.sseDelay() + ")");
        // The server's threads are daemons, so main keeps the JVM alive until Ctrl-C.
        stopped.await();
    }

    /** Turns the arguments into a config; any unknown or malformed argument is an IllegalArgumentException. */
    static DevServerConfig parse(String[] args) {
        DevServerConfig config = DevServerConfig.defaults().withPort(DEFAULT_PORT);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unrecognised argument '" + arg + "'");
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            config = switch (name) {
                case "port" -> config.withPort(port(value));
                case "host" -> config.withHost(requireNonEmpty(name, value));
                case "sse-delay" -> config.withSseDelay(DurationArgument.parse(value));
                case "ping-interval" -> config.withPingInterval(DurationArgument.parse(value));
                case "auth" -> config.withAuthDisabled(authDisabled(value));
                default -> throw new IllegalArgumentException("unknown option '--" + name + "'");
            };
        }
        return config;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be 0..65535, got '" + value + "'");
    }

    private static boolean authDisabled(String value) {
        return switch (value) {
            case "jwt" -> false;
            case "disabled" -> true;
            default -> throw new IllegalArgumentException("--auth must be jwt or disabled, got '" + value + "'");
        };
    }

    private static String requireNonEmpty(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " must not be empty");
        }
        return value;
    }
}

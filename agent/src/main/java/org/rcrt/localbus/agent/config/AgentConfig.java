package org.rcrt.localbus.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.rcrt.localbus.Selector;

/**
 * The agent's configuration, resolved once at start from three sources in order of precedence: the agent
 * arguments ({@code key=value}), system properties ({@code rcrt.localbus.key}) and environment variables
 * ({@code RCRT_LOCALBUS_KEY}, dots and dashes as underscores).
 *
 * <p>A bad value never stops the agent: it becomes one problem line naming the key, the value and its source, and
 * the default is used. So does an unknown key under the agent's prefix.
 */
public final class AgentConfig {
    public static final String PREFIX = "rcrt.localbus.";
    private static final String ENV_PREFIX = "RCRT_LOCALBUS_";

    public enum Dispatch { ASYNC, SYNC }

    /** Every key, its default (as text) and its meaning: the README's table is written from this list. */
    public enum Key {
        ENABLED("enabled", "true", "false installs nothing at all"),
        METHODS("methods", "createBreadcrumb,updateBreadcrumb", "method names to intercept"),
        INCLUDE("include", "*", "glob list of class names to instrument"),
        EXCLUDE("exclude", "", "glob list of class names never to instrument"),
        DISPATCH("dispatch", "async", "async: convert and deliver off the caller's thread; sync: on it"),
        QUEUE_CAPACITY("queue.capacity", "10000", "bound of each subscriber's queue"),
        LOG_LEVEL("log.level", "info", "error, warn, info, debug"),
        SINK("sink", "", "Class#method list: instances become bus subscribers"),
        SINK_SELECTOR("sink.selector", "", "RCRT JSON selector limiting what sinks get"),
        SINK_OWNER("sink.owner", "", "owner id sinks are bound to"),
        DEDUPE("dedupe", "true", "skip sink calls for (breadcrumb_id, version) already delivered by either lane"),
        DEDUPE_WINDOW("dedupe.window", "10000/10m", "dedupe memory per sink: max entries / max age"),
        SHUTDOWN_DRAIN("shutdown.drain", "1s", "how long JVM exit waits for queued events"),
        JMX("jmx", "true", "register the MBean org.rcrt.localbus:type=LocalEventBus");

        public final String name;
        public final String defaultValue;
        public final String meaning;

        Key(String name, String defaultValue, String meaning) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }

        public String property() {
            return PREFIX + name;
        }

        public String envVar() {
            return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private final Map<Key, String> raw = new LinkedHashMap<>();
    private final Map<Key, String> sourceOf = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private AgentConfig() {}

    public static AgentConfig fromEnvironment(Map<String, String> agentArgs) {
        return resolve(agentArgs, System.getProperties(), System.getenv());
    }

    public static AgentConfig resolve(Map<String, String> agentArgs, Properties systemProperties, Map<String, String> env) {
        AgentConfig config = new AgentConfig();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX)) {
                Key key = Arrays.stream(Key.values()).filter(k -> k.envVar().equals(e.getKey())).findFirst().orElse(null);
                config.put(key, e.getKey(), e.getValue(), "environment variable " + e.getKey());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.put(byName(name.substring(PREFIX.length())), name, systemProperties.getProperty(name),
                        "system property " + name);
            }
        }
        for (Map.Entry<String, String> e : agentArgs.entrySet()) {
            config.put(byName(e.getKey()), e.getKey(), e.getValue(), "agent argument " + e.getKey());
        }
        return config;
    }

    private static Key byName(String name) {
        for (Key k : Key.values()) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        return null;
    }

    private void put(Key key, String givenName, String value, String source) {
        if (key == null) {
            problems.add("unknown configuration key " + givenName + "=" + value + " (" + source + ") is ignored; known keys: "
                    + Arrays.stream(Key.values()).map(k -> k.name).toList());
            return;
        }
        raw.put(key, value);
        sourceOf.put(key, source);
    }

    /** One line per bad value or unknown key, each naming key, value and source; to be logged as WARN once. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private <T> T get(Key key, Function<String, T> parse, String expected) {
        String value = raw.get(key);
        if (value != null) {
            try {
                return parse.apply(value.trim());
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? expected : expected + " (" + e.getMessage() + ")";
                problems.add(key.property() + "=" + value + " (" + sourceOf.get(key) + ") is not valid: expected " + why
                        + "; using the default " + (key.defaultValue.isEmpty() ? "(none)" : key.defaultValue));
                raw.remove(key);
            }
        }
        return parse.apply(key.defaultValue);
    }

    // ---- typed settings; each call validates, so call each once at start and keep the result ----

    public boolean enabled() {
        return get(Key.ENABLED, AgentConfig::bool, "true or false");
    }

    public List<String> methods() {
        return get(Key.METHODS, s -> {
            List<String> names = list(s);
            for (String n : names) {
                if (!n.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
                    throw new IllegalArgumentException("'" + n + "' is not a Java method name");
                }
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return names;
        }, "a comma list of method names");
    }

    public GlobList include() {
        return get(Key.INCLUDE, GlobList::parse, "a comma list of class-name globs");
    }

    public GlobList exclude() {
        return get(Key.EXCLUDE, GlobList::parse, "a comma list of class-name globs");
    }

    public Dispatch dispatch() {
        return get(Key.DISPATCH, s -> Dispatch.valueOf(s.toUpperCase(Locale.ROOT)), "async or sync");
    }

    public int queueCapacity() {
        return get(Key.QUEUE_CAPACITY, s -> {
            int n = Integer.parseInt(s);
            if (n < 1 || n > 10_000_000) {
                throw new IllegalArgumentException("out of range 1..10000000");
            }
            return n;
        }, "a positive integer");
    }

    public String logLevel() {
        return get(Key.LOG_LEVEL, s -> {
            String level = s.toLowerCase(Locale.ROOT);
            if (!List.of("error", "warn", "info", "debug", "trace", "off").contains(level)) {
                throw new IllegalArgumentException("unknown level");
            }
            return level;
        }, "one of error, warn, info, debug, trace, off");
    }

    public List<SinkSpec> sinks() {
        return get(Key.SINK, s -> {
            List<SinkSpec> specs = new ArrayList<>();
            for (String item : list(s)) {
                specs.add(SinkSpec.parse(item));
            }
            return specs;
        }, "a comma list of fully.qualified.Class#method");
    }

    /** {@code null} when not set. */
    public Selector sinkSelector() {
        return get(Key.SINK_SELECTOR, s -> s.isEmpty() ? null : Selector.parse(s), "an RCRT JSON selector");
    }

    /** {@code null} when not set. */
    public String sinkOwner() {
        return get(Key.SINK_OWNER, s -> s.isEmpty() ? null : s, "an owner id");
    }

    public boolean dedupe() {
        return get(Key.DEDUPE, AgentConfig::bool, "true or false");
    }

    public DedupeWindowSpec dedupeWindow() {
        return get(Key.DEDUPE_WINDOW, DedupeWindowSpec::parse, "<max entries>/<max age>, e.g. 10000/10m");
    }

    public Duration shutdownDrain() {
        return get(Key.SHUTDOWN_DRAIN, Durations::parse, "a duration such as 500ms, 1s, 1m");
    }

    public boolean jmx() {
        return get(Key.JMX, AgentConfig::bool, "true or false");
    }

    private static boolean bool(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException((String) null);
        }
    }

    static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** A sink: instances of {@code className} receive local events through {@code methodName}. */
    public record SinkSpec(String className, String methodName) {
        static SinkSpec parse(String s) {
            int hash = s.indexOf('#');
            if (hash <= 0 || hash == s.length() - 1 || s.indexOf('#', hash + 1) >= 0) {
                throw new IllegalArgumentException("'" + s + "' is not Class#method");
            }
            return new SinkSpec(s.substring(0, hash), s.substring(hash + 1));
        }

        @Override
        public String toString() {
            return className + "#" + methodName;
        }
    }

    public record DedupeWindowSpec(int maxEntries, Duration maxAge) {
        static DedupeWindowSpec parse(String s) {
            String[] parts = s.split("/", 2);
            int max = Integer.parseInt(parts[0].trim());
            if (max < 1) {
                throw new IllegalArgumentException("max entries must be positive");
            }
            Duration age = parts.length > 1 ? Durations.parse(parts[1].trim()) : Duration.ofMinutes(10);
            return new DedupeWindowSpec(max, age);
        }
    }
}

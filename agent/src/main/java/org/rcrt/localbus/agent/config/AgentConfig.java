package org.rcrt.localbus.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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

    /**
     * THE table of settings: each key with its default (as text), its meaning, what a valid value looks like, and
     * how it is read. The agent reads its settings through it, {@code --help} prints it, and a test holds the
     * README's Configuration table to it, so the three cannot drift apart.
     */
    public enum Key {
        ENABLED("enabled", "true",
                "false installs nothing at all: no class transformed, nothing added to any class path, no thread",
                "true or false"),
        METHODS("methods", "createBreadcrumb,updateBreadcrumb",
                "method names to intercept; name:create or name:update says which it is, else names starting with "
                        + "update or patch are updates; a name given here wins over a proxy's HTTP annotations",
                "a comma list of method names, each optionally name:create or name:update"),
        INCLUDE("include", "*", "class-name globs to instrument (com.acme.*)",
                "a comma list of class-name globs"),
        EXCLUDE("exclude", "", "class-name globs never to instrument",
                "a comma list of class-name globs"),
        DISPATCH("dispatch", "async",
                "async: the caller only hands over the call's snapshot, the event is built and delivered on the "
                        + "agent's threads; sync: both on the caller's thread right after the return",
                "async or sync"),
        QUEUE_CAPACITY("queue.capacity", "10000",
                "bound of each subscriber's queue; when full, the event is dropped for that subscriber (counted, one "
                        + "rate-limited WARN) and still arrives through SSE",
                "a positive integer"),
        LOG_LEVEL("log.level", "info", "error, warn, info, debug, trace, off",
                "one of error, warn, info, debug, trace, off"),
        SINK("sink", "", "Class#method list: instances of the class become subscribers, called through that method",
                "a comma list of fully.qualified.Class#method"),
        SINK_SELECTOR("sink.selector", "", "RCRT JSON selector limiting what sinks get; a bad one fails closed: one "
                + "ERROR naming it, sinks get no local events, SSE unchanged",
                "an RCRT JSON selector"),
        SINK_OWNER("sink.owner", "", "owner id (a UUID) sinks are bound to: they never get another owner's local "
                + "events; a bad one fails closed like sink.selector",
                "an owner id (a UUID)"),
        DEDUPE("dedupe", "true",
                "with a sink: each (breadcrumb_id, version) runs the sink method once per instance across both lanes",
                "true or false"),
        DEDUPE_WINDOW("dedupe.window", "10000/10m",
                "dedupe memory per sink instance: max entries / max age (500ms, 5s, 10m, 1h)",
                "<max entries>/<max age>, e.g. 10000/10m"),
        SHUTDOWN_DRAIN("shutdown.drain", "1s", "how long JVM exit waits for what is queued (intercepted calls not "
                + "converted yet included) to be delivered and for running listeners to return",
                "a duration such as 500ms, 1s, 1m"),
        JMX("jmx", "true",
                "register the MBean org.rcrt.localbus:type=LocalEventBus once the JVM's platform MBean server exists "
                        + "(within 1 s in the JVM's first minute, within 10 min after it so that an idle agent never "
                        + "wakes, at once when status asks); the agent never creates that server itself; on a runtime without java.management "
                        + "(jlink) it says so in one WARN, which false avoids",
                "true or false");

        public final String name;
        public final String defaultValue;
        public final String meaning;
        final String expected;

        Key(String name, String defaultValue, String meaning, String expected) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
            this.expected = expected;
        }

        /**
         * The value read from its text; throws on a bad one. A switch rather than a parser per constant: a lambda
         * per key would spin a class each at every start, before the application's {@code main}.
         */
        Object parse(String s) {
            switch (this) {
                case ENABLED: case DEDUPE: case JMX: return bool(s);
                case METHODS: return methodNames(s);
                case INCLUDE: case EXCLUDE: return GlobList.parse(s);
                case DISPATCH: return Dispatch.valueOf(s.toUpperCase(Locale.ROOT));
                case QUEUE_CAPACITY: return capacity(s);
                case LOG_LEVEL: return level(s);
                case SINK: return sinkList(s);
                case SINK_SELECTOR: return s.isEmpty() ? null : Selector.parse(s);
                case SINK_OWNER: return s.isEmpty() ? null : uuid(s);
                case DEDUPE_WINDOW: return DedupeWindowSpec.parse(s);
                case SHUTDOWN_DRAIN: return Durations.parse(s);
                default: throw new AssertionError(this);
            }
        }

        public String property() {
            return PREFIX + name;
        }

        public String envVar() {
            return ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        /** The default as the help and the README show it. */
        public String defaultText() {
            return defaultValue.isEmpty() ? "(none)" : defaultValue;
        }
    }

    private final Map<Key, String> raw = new LinkedHashMap<>();
    private final Map<Key, String> sourceOf = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private boolean sinksFailClosed;

    private AgentConfig() {}

    public static AgentConfig fromEnvironment(Map<String, String> agentArgs) {
        return resolve(agentArgs, System.getProperties(), System.getenv());
    }

    public static AgentConfig resolve(Map<String, String> agentArgs, Properties systemProperties, Map<String, String> env) {
        AgentConfig config = new AgentConfig();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith(ENV_PREFIX)) {
                config.put(byEnvVar(e.getKey()), e.getKey(), e.getValue(), "environment variable " + e.getKey());
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

    private static Key byEnvVar(String variable) {
        for (Key k : Key.values()) {
            if (k.envVar().equals(variable)) {
                return k;
            }
        }
        return null;
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
                    + knownNames());
            return;
        }
        raw.put(key, value);
        sourceOf.put(key, source);
    }

    private static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        for (Key k : Key.values()) {
            names.add(k.name);
        }
        return names;
    }

    /** One line per bad value or unknown key, each naming key, value and source; to be logged as WARN once. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Key key) {
        String value = raw.get(key);
        if (value != null) {
            try {
                return (T) key.parse(value.trim());
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? key.expected : key.expected + " (" + e.getMessage() + ")";
                problems.add(key.property() + "=" + value + " (" + sourceOf.get(key) + ") is not valid: expected " + why
                        + "; using the default " + key.defaultText());
                raw.remove(key);
            }
        }
        return (T) key.parse(key.defaultValue);
    }

    /**
     * Every key with the value in force and where it came from ({@code default} when none was given), in table
     * order; a bad value reads as its default, as in the agent. For {@code status} and {@code scan}.
     */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Key key : Key.values()) {
            get(key);
            String value = raw.get(key);
            out.put(key.property(), value == null ? key.defaultText() + " (default)" : value.trim() + " (" + sourceOf.get(key) + ")");
        }
        return out;
    }

    // ---- typed settings; each call validates, so call each once at start and keep the result ----

    public boolean enabled() {
        return get(Key.ENABLED);
    }

    public List<String> methods() {
        return get(Key.METHODS);
    }

    public GlobList include() {
        return get(Key.INCLUDE);
    }

    public GlobList exclude() {
        return get(Key.EXCLUDE);
    }

    public Dispatch dispatch() {
        return get(Key.DISPATCH);
    }

    public int queueCapacity() {
        return get(Key.QUEUE_CAPACITY);
    }

    public String logLevel() {
        return get(Key.LOG_LEVEL);
    }

    public List<SinkSpec> sinks() {
        return get(Key.SINK);
    }

    /**
     * {@code null} when not set. A bad value fails closed instead of falling back to "everything", which would
     * widen what sinks see: it is an {@link #errors() error}, and {@link #sinksFailClosed()} is then true.
     */
    public Selector sinkSelector() {
        return failClosed(Key.SINK_SELECTOR);
    }

    /** {@code null} when not set; like {@link #sinkSelector()}, a bad value fails closed. */
    public String sinkOwner() {
        return failClosed(Key.SINK_OWNER);
    }

    /** Whether a bad sink scope ({@code sink.selector}, {@code sink.owner}) means sinks get no local events. */
    public boolean sinksFailClosed() {
        return sinksFailClosed;
    }

    /** Problems that switch a part of the agent off rather than fall back to a default; logged as ERROR. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    @SuppressWarnings("unchecked")
    private <T> T failClosed(Key key) {
        String value = raw.get(key);
        if (value != null) {
            try {
                return (T) key.parse(value.trim());
            } catch (RuntimeException e) {
                errors.add(key.property() + "=" + value + " (" + sourceOf.get(key) + ") is not valid: expected "
                        + key.expected + "; sinks get no local events (SSE delivery is unchanged)");
                sinksFailClosed = true;
                raw.remove(key);
            }
        }
        return null;
    }

    public boolean dedupe() {
        return get(Key.DEDUPE);
    }

    public DedupeWindowSpec dedupeWindow() {
        return get(Key.DEDUPE_WINDOW);
    }

    public Duration shutdownDrain() {
        return get(Key.SHUTDOWN_DRAIN);
    }

    public boolean jmx() {
        return get(Key.JMX);
    }

    // ---- the parsers of the table ----

    private static List<String> methodNames(String s) {
        List<String> names = list(s);
        for (String n : names) {
            if (!isMethodEntry(n)) {
                throw new IllegalArgumentException("'" + n + "' is not a Java method name, optionally with :create or :update");
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return names;
    }

    /**
     * {@code name} or {@code name:create|update}, the name an ASCII Java identifier; checked by hand, as a regular
     * expression would load some 30 classes into every start.
     */
    private static boolean isMethodEntry(String entry) {
        int colon = entry.indexOf(':');
        if (colon >= 0 && !entry.endsWith(":create") && !entry.endsWith(":update")
                || colon >= 0 && entry.length() - colon != ":create".length()) {
            return false;
        }
        int end = colon < 0 ? entry.length() : colon;
        for (int i = 0; i < end; i++) {
            char c = entry.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return end > 0;
    }

    private static int capacity(String s) {
        int n = Integer.parseInt(s);
        if (n < 1 || n > 10_000_000) {
            throw new IllegalArgumentException("out of range 1..10000000");
        }
        return n;
    }

    private static String level(String s) {
        String level = s.toLowerCase(Locale.ROOT);
        if (!List.of("error", "warn", "info", "debug", "trace", "off").contains(level)) {
            throw new IllegalArgumentException("unknown level");
        }
        return level;
    }

    private static List<SinkSpec> sinkList(String s) {
        List<SinkSpec> specs = new ArrayList<>();
        for (String item : list(s)) {
            specs.add(SinkSpec.parse(item));
        }
        return specs;
    }

    /** As given (owner ids are compared as the server writes them), once it is known to be a UUID. */
    private static String uuid(String s) {
        java.util.UUID.fromString(s);
        return s;
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

package org.example.toolsrunner;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runner's command line, parsed and checked. Only {@code --name=value} and {@code --flag} forms. */
public record Options(URI rcrtUrl, Duration sseDelay, int workflows, int toolsPerWorkflow, Duration timeout,
                      Duration remoteTimeout, UUID ownerId, UUID agentId, Role role, List<String> tools, List<String> useTools,
                      Duration serveFor, String label, Path summaryJson, Timeline.Mode timeline) {

    public static final List<String> KNOWN_TOOLS = List.of("echo", "random", "calculator");
    /** Every runner started without --owner-id shares this tenant, so separate runners see each other. */
    public static final UUID DEFAULT_OWNER = UUID.fromString("0e5a7c1d-2b3f-4c6d-8e9f-a0b1c2d3e4f5");

    public static final String USAGE = String.join("\n",
            "usage: java -jar demo-app.jar [options]",
            "  --rcrt-url=<url>            RCRT server to use (default: start an embedded dev server)",
            "  --sse-delay=<duration>      embedded server only: delay of every SSE delivery (default 0)",
            "  --role=all|workflow|tools|requester   (default all)",
            "      all        host tools and run workflows",
            "      workflow   run workflows only (tools must be hosted elsewhere)",
            "      tools      host tools only; serve until --serve-for elapses or the process is stopped",
            "      requester  ask for workflows with workflow.request.v1 and wait for workflow.response.v1",
            "  --workflows=<n>             workflows to run (or to request) (default 1)",
            "  --tools-per-workflow=<m>    tool requests per workflow (default 3)",
            "  --timeout=<duration>        per workflow (default 10s)",
            "  --remote-timeout=<duration> per workflow, for the answers of tools this runner does not host",
            "                              (default: --timeout)",
            "  --tools=<list>              tools this runner hosts (default echo,random,calculator)",
            "  --use-tools=<list>          tools the workflows call, round-robin (default echo,random,calculator)",
            "  --serve-for=<duration>      keep serving (and counting late events) this long after start-up",
            "  --owner-id=<uuid>           token owner (default " + DEFAULT_OWNER + ")",
            "  --agent-id=<uuid>           token agent (default: random)",
            "  --label=<text>              name of this run in the summary",
            "  --summary-json=<file>       also write the summary as JSON",
            "  --timeline=all|first|none   which workflows' timelines to print (default all)",
            "  --quiet                     same as --timeline=none",
            "durations: 250ms, 10s, 1.5s, 2m");

    public enum Role {
        ALL, WORKFLOW, TOOLS, REQUESTER;

        public boolean hostsTools() {
            return this == ALL || this == TOOLS;
        }

        public boolean runsWorkflows() {
            return this == ALL || this == WORKFLOW;
        }
    }

    /** Bad arguments, or a request for help ({@link #helpRequested()}). */
    public static final class UsageException extends Exception {
        private final boolean helpRequested;

        UsageException(String message, boolean helpRequested) {
            super(message);
            this.helpRequested = helpRequested;
        }

        public boolean helpRequested() {
            return helpRequested;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    public static Options parse(String... args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException("", true);
            }
            if (!arg.startsWith("--")) {
                throw usage("unexpected argument: " + arg);
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value = equals < 0 ? null : arg.substring(equals + 1);
            if (values.containsKey(name)) {
                throw usage("--" + name + " given twice");
            }
            values.put(name, value);
        }

        boolean quiet = takeFlag(values, "quiet");
        URI rcrtUrl = take(values, "rcrt-url", null, Options::url);
        Duration sseDelay = take(values, "sse-delay", null, Options::duration);
        if (rcrtUrl != null && sseDelay != null) {
            throw usage("--sse-delay only applies to the embedded dev server, not to --rcrt-url");
        }
        Duration timeout = take(values, "timeout", Duration.ofSeconds(10), Options::duration);
        Options options = new Options(
                rcrtUrl,
                sseDelay == null ? Duration.ZERO : sseDelay,
                take(values, "workflows", 1, text -> count(text, "--workflows", 0)),
                take(values, "tools-per-workflow", 3, text -> count(text, "--tools-per-workflow", 1)),
                timeout,
                take(values, "remote-timeout", timeout, Options::duration),
                take(values, "owner-id", DEFAULT_OWNER, text -> uuid(text, "--owner-id")),
                take(values, "agent-id", UUID.randomUUID(), text -> uuid(text, "--agent-id")),
                take(values, "role", Role.ALL, text -> oneOf(Role.class, text, "--role")),
                take(values, "tools", KNOWN_TOOLS, text -> toolList(text, "--tools")),
                take(values, "use-tools", KNOWN_TOOLS, text -> toolList(text, "--use-tools")),
                take(values, "serve-for", null, Options::duration),
                take(values, "label", "", text -> text),
                take(values, "summary-json", null, Path::of),
                quiet ? Timeline.Mode.NONE : take(values, "timeline", Timeline.Mode.ALL, Options::timelineMode));
        if (!values.isEmpty()) {
            throw usage("unknown option: --" + values.keySet().iterator().next());
        }
        return options;
    }

    private interface Parser<T> {
        T parse(String text) throws UsageException;
    }

    private static <T> T take(Map<String, String> values, String name, T fallback, Parser<T> parser) throws UsageException {
        if (!values.containsKey(name)) {
            return fallback;
        }
        String text = values.remove(name);
        if (text == null || text.isEmpty()) {
            throw usage("--" + name + " needs a value: --" + name + "=...");
        }
        return parser.parse(text);
    }

    private static boolean takeFlag(Map<String, String> values, String name) throws UsageException {
        if (!values.containsKey(name)) {
            return false;
        }
        if (values.remove(name) != null) {
            throw usage("--" + name + " takes no value");
        }
        return true;
    }

    /** Parses 250ms, 10s, 1.5s, 2m (and a bare 0). */
    public static Duration duration(String text) throws UsageException {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw usage("not a duration: " + text + " (use e.g. 250ms, 10s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            default -> amount * 60_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static URI url(String text) throws UsageException {
        try {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw usage("--rcrt-url must be an http(s) URL, was: " + text);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw usage("--rcrt-url is not a URL: " + text);
        }
    }

    private static int count(String text, String name, int minimum) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage(name + " must be a whole number of at least " + minimum + ", was: " + text);
    }

    private static UUID uuid(String text, String name) throws UsageException {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw usage(name + " must be a UUID, was: " + text);
        }
    }

    private static <E extends Enum<E>> E oneOf(Class<E> type, String text, String name) throws UsageException {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage(name + " must be one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", was: " + text);
        }
    }

    private static Timeline.Mode timelineMode(String text) throws UsageException {
        return switch (text) {
            case "all" -> Timeline.Mode.ALL;
            case "first" -> Timeline.Mode.FIRST_WORKFLOW;
            case "none" -> Timeline.Mode.NONE;
            default -> throw usage("--timeline must be all, first or none, was: " + text);
        };
    }

    private static List<String> toolList(String text, String name) throws UsageException {
        List<String> tools = new ArrayList<>();
        for (String tool : text.split(",")) {
            String trimmed = tool.trim();
            if (!KNOWN_TOOLS.contains(trimmed)) {
                throw usage(name + ": unknown tool '" + trimmed + "' (known: " + String.join(",", KNOWN_TOOLS) + ")");
            }
            if (!tools.contains(trimmed)) {
                tools.add(trimmed);
            }
        }
        return List.copyOf(tools);
    }

    private static UsageException usage(String message) {
        return new UsageException(message, false);
    }
}

package org.rcrt.localbus.agent.event;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an update's If-Match version comes from — only from an argument that <em>is</em> an If-Match: a parameter
 * named like one ({@code ifMatch}, {@code if_match}, {@code etag}, {@code expectedVersion}, {@code version}), an
 * {@code If-Match} entry in a headers map, or an ETag-shaped string ({@code "3"} with its quotes, as RCRT's header
 * takes it). Never from an unrelated number such as a timeout. 0 means unknown.
 */
final class VersionSource {
    private static final Pattern QUOTED_VERSION = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");
    private static final Pattern PLAIN_VERSION = Pattern.compile("^\\s*(\\d{1,18})\\s*$");
    private static final Pattern IF_MATCH_PARAMETER =
            Pattern.compile("(?i)(.*if_?match.*|.*etag.*|expected_?version|version)");

    private VersionSource() {}

    /** The If-Match version among the raw arguments of a call, or 0. */
    static long ifMatch(Object[] args, String[] names) {
        if (names != null) {
            for (int i = 0; i < args.length; i++) {
                if (names[i] != null && IF_MATCH_PARAMETER.matcher(names[i]).matches()) {
                    long v = version(args[i], true);
                    if (v > 0) {
                        return v;
                    }
                }
            }
        }
        for (Object arg : args) {
            if (arg instanceof Map<?, ?> headers && arg.getClass().getName().startsWith("java.")) {
                for (Map.Entry<?, ?> e : headers.entrySet()) {
                    if (e.getKey() instanceof String k && k.equalsIgnoreCase("If-Match")) {
                        long v = version(e.getValue(), true);
                        if (v > 0) {
                            return v;
                        }
                    }
                }
            } else if (arg instanceof String s) {
                long v = version(s, false);
                if (v > 0) {
                    return v;
                }
            }
        }
        return 0;
    }

    static boolean isQuotedVersion(String s) {
        return QUOTED_VERSION.matcher(s).matches();
    }

    /** A number, a quoted ETag, or (only where the argument is known to be an If-Match) a plain digit string. */
    private static long version(Object value, boolean knownIfMatch) {
        if (knownIfMatch && (value instanceof Integer || value instanceof Long || value instanceof Short)) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s) {
            Matcher m = QUOTED_VERSION.matcher(s);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
            if (knownIfMatch) {
                m = PLAIN_VERSION.matcher(s);
                if (m.matches()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return 0;
    }
}

package org.rcrt.localbus.agent.event;

import java.util.Map;
import java.util.UUID;

/**
 * Where a call's breadcrumb id comes from: for a create, what it returned ({@code {"id": "<uuid>"}} as the server
 * answers, as a String, a UUID, a JSON text, an object or record with an {@code id} field, an
 * {@code HttpResponse} or {@code Optional} around one of these); for an update, its arguments (a parameter named
 * like the id, else a UUID, else the one plain string, else an {@code id} inside an argument object). All of it
 * is read from snapshots and JDK values: no application code runs.
 */
final class IdSource {
    /** Parameter names that name the breadcrumb exactly, in any case; failing that, any {@code ...Id} parameter. */
    private static final String[] BREADCRUMB_ID_PARAMETERS = {"id", "breadcrumbId", "breadcrumb_id", "bcId"};
    private static final String[] SOME_ID_SUFFIXES = {"Id", "_id", "ID"};

    private IdSource() {}

    /** The id in a snapshot of what a create returned, or {@code null}. */
    static String fromReturned(Object snapshot) {
        if (snapshot instanceof String s) {
            String t = s.trim();
            return t.isEmpty() || t.length() > 200 || hasWhitespace(t) ? null : t;
        }
        return idOfTree(snapshot);
    }

    static String idOfTree(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Object id = map.get("id");
            if (id instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    /** The id among an update's argument snapshots, or {@code null}. */
    static String fromArguments(Object[] snapshots, String[] names) {
        if (names != null) {
            for (boolean exact : new boolean[] {true, false}) {
                for (int i = 0; i < snapshots.length; i++) {
                    if (names[i] != null && (exact ? namesTheBreadcrumb(names[i]) : namesSomeId(names[i]))
                            && (snapshots[i] instanceof String || snapshots[i] instanceof UUID)) {
                        return snapshots[i].toString();
                    }
                }
            }
        }
        for (Object arg : snapshots) {
            if (arg instanceof UUID) {
                return arg.toString();
            }
        }
        for (Object arg : snapshots) {
            if (arg instanceof String s && looksLikeId(s)) {
                return s.trim();
            }
        }
        for (Object arg : snapshots) {
            String id = idOfTree(arg);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static boolean looksLikeId(String s) {
        String t = s.trim();
        return !t.isEmpty() && t.length() <= 200 && !ObjectTree.looksLikeJson(t) && !VersionSource.isQuotedVersion(t)
                && !t.startsWith("Bearer ") && !t.startsWith("eyJ") && !hasWhitespace(t);
    }

    // By hand rather than with regular expressions and streams: this runs at an application's first RCRT call,
    // where java.util.regex's first use would load some twenty classes on the caller's thread.
    private static boolean namesTheBreadcrumb(String parameter) {
        for (String name : BREADCRUMB_ID_PARAMETERS) {
            if (name.equalsIgnoreCase(parameter)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesSomeId(String parameter) {
        for (String suffix : SOME_ID_SUFFIXES) {
            if (parameter.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}

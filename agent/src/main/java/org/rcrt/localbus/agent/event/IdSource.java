package org.rcrt.localbus.agent.event;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a call's breadcrumb id comes from: for a create, what it returned ({@code {"id": "<uuid>"}} as the server
 * answers, as a String, a UUID, a JSON text, an object or record with an {@code id} field, an
 * {@code HttpResponse} or {@code Optional} around one of these); for an update, its arguments (a parameter named
 * like the id, else a UUID, else the one plain string, else an {@code id} inside an argument object). All of it
 * is read from snapshots and JDK values: no application code runs.
 */
final class IdSource {
    /** A parameter that names the breadcrumb exactly; failing that, any {@code ...Id} parameter (second choice). */
    private static final Pattern BREADCRUMB_ID_PARAMETER = Pattern.compile("(?i)(id|breadcrumbId|breadcrumb_id|bcId)");
    private static final Pattern SOME_ID_PARAMETER = Pattern.compile(".*(Id|_id|ID)");

    private IdSource() {}

    /** The id in a snapshot of what a create returned, or {@code null}. */
    static String fromReturned(Object snapshot) {
        if (snapshot instanceof String s) {
            String t = s.trim();
            return t.isEmpty() || t.length() > 200 || t.chars().anyMatch(Character::isWhitespace) ? null : t;
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
            for (Pattern idName : List.of(BREADCRUMB_ID_PARAMETER, SOME_ID_PARAMETER)) {
                for (int i = 0; i < snapshots.length; i++) {
                    if (names[i] != null && idName.matcher(names[i]).matches()
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
                && !t.startsWith("Bearer ") && !t.startsWith("eyJ") && t.chars().noneMatch(Character::isWhitespace);
    }
}

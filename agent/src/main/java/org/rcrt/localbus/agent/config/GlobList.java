package org.rcrt.localbus.agent.config;

import java.util.List;

/**
 * Class-name globs: {@code *} any run of characters, {@code ?} one character; {@code com.acme.*} covers sub-packages.
 * Matched by hand rather than compiled to regular expressions, which would load {@code java.util.regex} into every
 * start for a job this small.
 */
public final class GlobList {
    private final List<String> globs;

    private GlobList(List<String> globs) {
        for (String g : globs) {
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                if (c != '*' && c != '?' && c != '.' && !Character.isJavaIdentifierPart(c)) {
                    throw new IllegalArgumentException("'" + g + "' has a character not allowed in a class-name glob: '" + c + "'");
                }
            }
        }
        this.globs = List.copyOf(globs);
    }

    static GlobList parse(String s) {
        return new GlobList(AgentConfig.list(s));
    }

    public boolean matchesAll() {
        return globs.contains("*");
    }

    public boolean matches(String className) {
        for (String g : globs) {
            if (matches(g, className)) {
                return true;
            }
        }
        return false;
    }

    /** The usual wildcard walk: on a mismatch, the last {@code *} takes one more character. */
    static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int starMatched = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starMatched = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++starMatched;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }
}

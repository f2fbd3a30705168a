package org.rcrt.localbus.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Class-name globs: {@code *} any run of characters, {@code ?} one character; {@code com.acme.*} covers sub-packages. */
public final class GlobList {
    private final List<String> globs;
    private final List<Pattern> patterns;

    private GlobList(List<String> globs) {
        this.globs = List.copyOf(globs);
        List<Pattern> compiled = new ArrayList<>();
        for (String g : globs) {
            StringBuilder re = new StringBuilder();
            for (char c : g.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> {
                        if (!Character.isJavaIdentifierPart(c) && c != '.') {
                            throw new IllegalArgumentException("'" + g + "' has a character not allowed in a class-name glob: '" + c + "'");
                        }
                        re.append(c == '.' ? "\\." : c == '$' ? "\\$" : String.valueOf(c));
                    }
                }
            }
            compiled.add(Pattern.compile(re.toString()));
        }
        this.patterns = List.copyOf(compiled);
    }

    static GlobList parse(String s) {
        return new GlobList(AgentConfig.list(s));
    }

    public boolean matchesAll() {
        return globs.contains("*");
    }

    public boolean matches(String className) {
        for (Pattern p : patterns) {
            if (p.matcher(className).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(",", globs);
    }
}

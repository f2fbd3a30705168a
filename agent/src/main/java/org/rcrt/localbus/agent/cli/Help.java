package org.rcrt.localbus.agent.cli;

import org.rcrt.localbus.agent.AgentVersion;
import org.rcrt.localbus.agent.config.AgentConfig;

/** The text of {@code --help}: the commands, then every configuration key, written from {@link AgentConfig.Key}. */
final class Help {
    private static final int WIDTH = 110;

    private Help() {}

    static String text() {
        StringBuilder b = new StringBuilder();
        b.append("rcrt-localbus-agent ").append(AgentVersion.get())
                .append(": a same-process fast lane for RCRT breadcrumb events\n\n");
        b.append("usage:\n");
        b.append("  java -javaagent:rcrt-localbus-agent.jar[=key=value,...] -jar your-app.jar\n");
        b.append("        run an application with the agent\n");
        b.append("  java -jar rcrt-localbus-agent.jar scan <jar|dir|class path> [--json] [--args=key=value,...]\n");
        b.append("        offline, running no application code: the methods the agent would intercept, the sinks,\n");
        b.append("        and every configuration problem; exit 0 when a client method was found and nothing is wrong\n");
        b.append("  java -jar rcrt-localbus-agent.jar status <pid> [--watch]\n");
        b.append("        what the agent in a running JVM knows (JMX over the local attach, no port opened);\n");
        b.append("        --watch refreshes every second; exit 1 when that JVM has no agent\n");
        b.append("  java -jar rcrt-localbus-agent.jar --version | --help\n\n");
        b.append("configuration: an agent argument (key=value, without the prefix), a system property\n");
        b.append("(-Drcrt.localbus.<key>=...) or an environment variable (RCRT_LOCALBUS_<KEY>), in that order of\n");
        b.append("precedence. A bad value or an unknown key gives one WARN and the default is used.\n");
        for (AgentConfig.Key key : AgentConfig.Key.values()) {
            b.append('\n').append("  ").append(key.property()).append("  (").append(key.envVar()).append(")  default: ")
                    .append(key.defaultText()).append('\n');
            wrap(b, key.meaning, "      ");
        }
        return b.toString();
    }

    private static void wrap(StringBuilder b, String text, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                b.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        b.append(line).append('\n');
    }
}

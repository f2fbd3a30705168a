package org.rcrt.localbus.agent.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.agent.logging.AgentLog;

/** The agent's logger, keeping every line as "LEVEL message" for assertions instead of writing it. */
final class CapturingLogger extends AgentLog {
    private static final String[] NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};
    final List<String> lines = new CopyOnWriteArrayList<>();

    List<String> warnings() {
        return lines.stream().filter(l -> l.startsWith("WARN ")).toList();
    }

    @Override
    protected void write(int level, String text, Throwable cause) {
        lines.add(NAMES[level / 10] + " " + text);
    }
}

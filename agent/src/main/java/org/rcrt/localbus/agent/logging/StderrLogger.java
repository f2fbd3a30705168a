package org.rcrt.localbus.agent.logging;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's logger: one line per message on stderr, threshold from {@code rcrt.localbus.log.level}; WARN and ERROR
 * lines also go to {@link RecentProblems}.
 * Bound only to the agent's relocated SLF4J, so it never meets the application's logging.
 */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    /** SLF4J's level ints: TRACE 0 ... ERROR 40; above ERROR means off. */
    static volatile int threshold = Level.INFO.toInt();

    StderrLogger(String name) {
        this.name = name;
    }

    private static boolean on(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return on(Level.INFO);
    }

    /** Always: a problem is kept for {@code status} even when the threshold keeps it off stderr. */
    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String text = MessageFormatter.basicArrayFormat(pattern, args);
        PrintStream err = System.err;
        StringBuilder line = new StringBuilder(96 + text.length())
                .append(LocalTime.now().truncatedTo(ChronoUnit.MILLIS)).append(' ').append(level).append(" [rcrt-localbus] ").append(text);
        if (t != null) {
            // Only DEBUG lines carry stack traces: at WARN and above, the class and message say enough.
            line.append(" (").append(t).append(')');
        }
        if (level.toInt() >= Level.WARN.toInt()) {
            RecentProblems.add(line.toString());
        }
        if (!on(level)) {
            return;
        }
        synchronized (err) {
            err.println(line);
            if (t != null && threshold <= Level.DEBUG.toInt()) {
                t.printStackTrace(err);
            }
        }
    }
}

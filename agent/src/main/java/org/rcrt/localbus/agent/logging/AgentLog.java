package org.rcrt.localbus.agent.logging;

import java.io.PrintStream;
import java.util.Locale;
import org.rcrt.localbus.agent.event.Timestamps;

/**
 * The agent's one logger: a line per message on stderr, {@code <UTC time> LEVEL [rcrt-localbus] text}, threshold
 * from {@code rcrt.localbus.log.level}; WARN and ERROR lines also go to {@link RecentProblems}, whatever the
 * threshold, so that {@code status} can show them.
 *
 * <p>Not a logging framework on purpose: an agent's logging must never meet the application's (no service lookup,
 * no configuration files), and binding even a relocated SLF4J cost some 50 classes and a service-loader scan on
 * every start. Messages use SLF4J's {@code {}} placeholders, filled in order; a {@link Throwable} left over after
 * the placeholders is the line's cause: its class and message are appended, its stack trace only at DEBUG.
 * Callers never pass breadcrumb contents at INFO or above (see the README's logging rules).
 */
public class AgentLog {
    public static final int TRACE = 0;
    public static final int DEBUG = 10;
    public static final int INFO = 20;
    public static final int WARN = 30;
    public static final int ERROR = 40;
    private static final int OFF = Integer.MAX_VALUE;
    private static final String[] NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR"};

    private static final AgentLog STDERR = new AgentLog();
    private static volatile int threshold = INFO;

    protected AgentLog() {}

    /** The logger every part of the agent writes to. */
    public static AgentLog get() {
        return STDERR;
    }

    /** Applies {@code rcrt.localbus.log.level}: error, warn, info, debug, trace or off (validated by the config). */
    public static void setLevel(String level) {
        String l = level.toUpperCase(Locale.ROOT);
        int t = l.equals("OFF") ? OFF : INFO;
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(l)) {
                t = i * 10;
            }
        }
        threshold = t;
    }

    public final boolean isDebugEnabled() {
        return threshold <= DEBUG;
    }

    public final void trace(String pattern, Object... args) {
        log(TRACE, pattern, args);
    }

    public final void debug(String pattern, Object... args) {
        log(DEBUG, pattern, args);
    }

    public final void info(String pattern, Object... args) {
        log(INFO, pattern, args);
    }

    public final void warn(String pattern, Object... args) {
        log(WARN, pattern, args);
    }

    public final void error(String pattern, Object... args) {
        log(ERROR, pattern, args);
    }

    private void log(int level, String pattern, Object[] args) {
        if (level < WARN && level < threshold) {
            return; // a problem is formatted even when off, for RecentProblems
        }
        StringBuilder text = new StringBuilder(pattern.length() + 32);
        int used = fill(text, pattern, args);
        Throwable cause = used < args.length && args[args.length - 1] instanceof Throwable t ? t : null;
        write(level, text.toString(), cause);
    }

    /** {@code pattern} with each {@code {}} replaced by the next argument; returns how many were used. */
    private static int fill(StringBuilder out, String pattern, Object[] args) {
        int used = 0;
        int from = 0;
        for (int at; used < args.length && (at = pattern.indexOf("{}", from)) >= 0; from = at + 2) {
            out.append(pattern, from, at).append(args[used++]);
        }
        out.append(pattern, from, pattern.length());
        return used;
    }

    /** Where a formatted line goes; tests override it to keep the lines. */
    protected void write(int level, String text, Throwable cause) {
        StringBuilder line = new StringBuilder(48 + text.length())
                .append(Timestamps.ofEpochMilli(System.currentTimeMillis())).append(' ').append(NAMES[level / 10])
                .append(" [rcrt-localbus] ").append(text);
        if (cause != null) {
            line.append(" (").append(cause).append(')');
        }
        if (level >= WARN) {
            RecentProblems.add(line.toString());
        }
        if (level < threshold) {
            return;
        }
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (cause != null && threshold <= DEBUG) {
                cause.printStackTrace(err);
            }
        }
    }
}

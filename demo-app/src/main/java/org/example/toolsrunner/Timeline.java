package org.example.toolsrunner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints what happened when, in milliseconds since the runner became ready, like the log lines that
 * started this story. Lines belong to a workflow so that a busy run can show only its first workflow.
 */
public final class Timeline {
    public enum Mode { ALL, FIRST_WORKFLOW, NONE }

    private final PrintStream out;
    private final Mode mode;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<String> firstWorkflow = new AtomicReference<>();

    public Timeline(PrintStream out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** A workflow this runner starts; in {@link Mode#FIRST_WORKFLOW} the first one announced is the one shown. */
    public void announce(String workflowId) {
        firstWorkflow.compareAndSet(null, workflowId);
    }

    public void record(String workflowId, String what, String detail) {
        record(workflowId, System.nanoTime(), what, detail);
    }

    public void record(String workflowId, long atNanos, String what, String detail) {
        if (shows(workflowId)) {
            String line = String.format(Locale.ROOT, "+%9.1f ms  %-17s %s", millisSinceStart(atNanos), what, detail);
            synchronized (out) {
                out.println(line);
            }
        }
    }

    public double millisSinceStart(long atNanos) {
        return (atNanos - startNanos) / 1_000_000.0;
    }

    /** Lines of no workflow in particular (workflowId null) show unless the timeline is off. */
    private boolean shows(String workflowId) {
        if (workflowId == null) {
            return mode != Mode.NONE;
        }
        return switch (mode) {
            case ALL -> true;
            case NONE -> false;
            case FIRST_WORKFLOW -> {
                // A runner that starts no workflow of its own shows the first one it hears of.
                firstWorkflow.compareAndSet(null, workflowId);
                yield workflowId.equals(firstWorkflow.get());
            }
        };
    }
}

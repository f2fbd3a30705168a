package com.example.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 12's idle target: an application that does nothing, with the agent, runs beside the start-up measurements;
 * from 65 s after its start to the end of those measurements (at least 30 s), the kernel's count of voluntary
 * context switches of the agent's threads ({@code rcrt-localbus*}) is how often the agent woke. Linux only.
 */
final class IdleWakeUps {
    private static final long WINDOW_START_MILLIS = 65_000;
    private static final long MIN_WINDOW_MILLIS = 30_000;

    private final Process process;
    private final long startedMillis = System.currentTimeMillis();
    private long windowStartMillis;
    private long before = -1;
    private long windowMillis;
    private long wakeUps = -1;
    private String problem;

    private IdleWakeUps(Process process) {
        this.process = process;
    }

    static IdleWakeUps start(List<String> command) throws IOException {
        IdleWakeUps idle = new IdleWakeUps(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        Thread first = new Thread(idle::firstCount, "idle-first-count");
        first.setDaemon(true);
        first.start();
        return idle;
    }

    private void firstCount() {
        try {
            Thread.sleep(WINDOW_START_MILLIS);
            long count = agentThreadSwitches();
            synchronized (this) {
                windowStartMillis = System.currentTimeMillis();
                before = count;
            }
        } catch (Exception e) {
            synchronized (this) {
                problem = e.toString();
            }
        }
    }

    /** Waits for the window to be complete, counts, ends the idle application. */
    String finish() throws InterruptedException {
        try {
            long end = startedMillis + WINDOW_START_MILLIS + MIN_WINDOW_MILLIS;
            Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
            synchronized (this) {
                if (problem == null && before >= 0) {
                    wakeUps = agentThreadSwitches() - before;
                    windowMillis = System.currentTimeMillis() - windowStartMillis;
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                problem = e.toString();
            }
        } finally {
            process.destroy();
            process.waitFor();
        }
        return measured();
    }

    synchronized String measured() {
        if (wakeUps < 0) {
            return "not measured (" + (problem == null ? "no count" : problem) + ")";
        }
        return String.format(Locale.ROOT, "%d wake-ups of the agent's threads in %.0f s after the first minute",
                wakeUps, windowMillis / 1000.0);
    }

    synchronized boolean pass() {
        return wakeUps == 0;
    }

    private long agentThreadSwitches() throws IOException {
        long sum = 0;
        int threads = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (!Files.readString(task.resolve("comm")).startsWith("rcrt-localbus")) {
                    continue;
                }
                threads++;
                for (String line : Files.readAllLines(task.resolve("status"))) {
                    if (line.startsWith("voluntary_ctxt_switches:")) {
                        sum += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                    }
                }
            }
        }
        if (threads == 0) {
            throw new IOException("no rcrt-localbus thread in the idle application");
        }
        return sum;
    }
}

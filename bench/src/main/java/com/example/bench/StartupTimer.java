package com.example.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Figure 5: starts the class-heavy app again and again, alternating without and with the agent, and measures the
 * wall time from process start to its {@code READY} line; then runs it with {@code --memory} in both variants and
 * reports heap after GC, Metaspace and classes. Appends TSV lines to {@code out}:
 * {@code startup <variant> <median ms> <min ms> <max ms> <runs>} and
 * {@code memory <variant> <heap> <metaspace> <class space> <classes> <threads>} (medians).
 *
 * <pre>java -cp benchmarks.jar com.example.bench.StartupTimer app.jar agent.jar runs out.tsv</pre>
 */
public final class StartupTimer {
    public static void main(String[] args) throws Exception {
        String appJar = args[0];
        String agentJar = args[1];
        int runs = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> without = List.of(java, "-cp", appJar, "genapp.Main");
        List<String> with = List.of(java, "-javaagent:" + agentJar, "-cp", appJar, "genapp.Main");

        // one untimed run of each: page cache, CDS archive, the agent's jar
        timeToReady(without);
        timeToReady(with);
        double[] a = new double[runs];
        double[] b = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                a[i] = timeToReady(without);
                b[i] = timeToReady(with);
            } else {
                b[i] = timeToReady(with);
                a[i] = timeToReady(without);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(startupLine("without-agent", a));
        lines.add(startupLine("with-agent", b));
        for (var variant : List.of(List.of("without-agent", without), List.of("with-agent", with))) {
            @SuppressWarnings("unchecked")
            List<String> cmd = new ArrayList<>((List<String>) variant.get(1));
            cmd.add("--memory");
            long[][] samples = new long[5][3];
            for (int i = 0; i < 3; i++) {
                long[] m = memory(cmd);
                for (int k = 0; k < 5; k++) {
                    samples[k][i] = m[k];
                }
            }
            StringBuilder line = new StringBuilder("memory\t" + variant.get(0));
            for (long[] s : samples) {
                Arrays.sort(s);
                line.append('\t').append(s[1]);
            }
            lines.add(line.toString());
        }
        lines.forEach(System.out::println);
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String startupLine(String variant, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "startup\t%s\t%.1f\t%.1f\t%.1f\t%d", variant, median, s[0], s[s.length - 1], s.length);
    }

    /** Milliseconds from starting the process to reading its READY line. */
    private static double timeToReady(List<String> cmd) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("READY")) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    r.transferTo(java.io.Writer.nullWriter());
                    p.waitFor();
                    return ms;
                }
            }
        }
        throw new IllegalStateException("no READY line from " + cmd + " (exit " + p.waitFor() + ")");
    }

    /** heap, metaspace, class space, classes, threads. */
    private static long[] memory(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : text.split("\n")) {
            if (line.startsWith("MEMORY ")) {
                long[] v = new long[5];
                String[] parts = line.substring(7).trim().split(" ");
                for (int i = 0; i < 5; i++) {
                    v[i] = Long.parseLong(parts[i].substring(parts[i].indexOf('=') + 1));
                }
                return v;
            }
        }
        throw new IllegalStateException("no MEMORY line from " + cmd + ": " + text);
    }
}

package com.example.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start-up figures (issue 12), side by side in one run: each application is started again and again with no
 * agent, with a no-op agent (an empty {@code premain}: the floor any agent pays) and with this agent, the three
 * interleaved run by run. Each start is measured three ways: wall time to the process's exit, time to its first
 * {@code READY} line, and CPU (user + sys, from {@code /usr/bin/time}). Medians. A fourth variant, a no-op
 * transformer (an agent that adds one transformer changing nothing), is the floor of any agent that weaves classes as
 * they load: the class-heavy apps' CPU is judged against it too. Then one start of each with
 * {@code -Xlog:class+load} counts the classes loaded, and, for the class-heavy app, heap, Metaspace and classes
 * after GC.
 *
 * <pre>java -cp benchmarks.jar com.example.bench.StartupTimer outDir runs agent.jar noop.jar noop-transformer.jar
 *      benchmarks.jar app-2000.jar app-10000.jar</pre>
 *
 * Writes {@code startup-figures.tsv} (one line per app and variant), {@code startup.md} (the results section with
 * PASS/MISS per target) and, for {@link Report}'s section 5, {@code startup.tsv} (the 10 000-class app).
 */
public final class StartupTimer {
    private static final String[] VARIANTS = {"none", "noop", "noop-transformer", "agent"};

    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Path out;
    private final Map<String, String> agentFlag = new LinkedHashMap<>();

    private StartupTimer(Path out, String agentJar, String noopJar, String noopTransformerJar) {
        this.out = out;
        agentFlag.put("none", null);
        agentFlag.put("noop", "-javaagent:" + noopJar);
        agentFlag.put("noop-transformer", "-javaagent:" + noopTransformerJar);
        agentFlag.put("agent", "-javaagent:" + agentJar);
    }

    /** One application: its class path and main. */
    private record App(String name, String title, String classPath, String main) {}

    /** Medians of one app under one variant. */
    private record Figures(double wallMs, double firstLineMs, double cpuMs, long classes, int runs) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        StartupTimer t = new StartupTimer(out, args[2], args[3], args[4]);
        String bench = args[5];
        List<App> apps = List.of(
                new App("hello", "hello world", bench, "com.example.bench.startup.HelloMain"),
                new App("early", "early client (the main class is the client)", bench, "com.example.bench.startup.EarlyClientMain"),
                new App("classes-2000", "class-heavy app, 2,000 classes", args[6], "genapp.Main"),
                new App("classes-10000", "class-heavy app, 10,000 classes", args[7], "genapp.Main"));
        IdleWakeUps idle = IdleWakeUps.start(t.command(new App("idle", "idle", bench, "com.example.bench.startup.IdleMain"),
                "agent", null));
        Map<String, Map<String, Figures>> figures = new LinkedHashMap<>();
        List<String> tsv = new ArrayList<>();
        for (App app : apps) {
            Map<String, Figures> byVariant = t.measure(app, runs);
            figures.put(app.name(), byVariant);
            byVariant.forEach((v, f) -> tsv.add(String.format(Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f\t%d\t%d",
                    app.name(), v, f.wallMs(), f.firstLineMs(), f.cpuMs(), f.classes(), f.runs())));
            System.out.println(app.name() + " " + byVariant);
        }
        Files.write(out.resolve("startup-figures.tsv"), tsv);
        String idleRow = idle.finish();
        System.out.println("idle " + idleRow);
        Files.writeString(out.resolve("startup.md"), markdown(apps, figures, runs, idle));
        t.reportCompatibility(apps.get(3), figures.get("classes-10000"));
    }

    private Map<String, Figures> measure(App app, int runs) throws IOException, InterruptedException {
        Map<String, double[][]> samples = new LinkedHashMap<>(); // variant -> [wall, first line, cpu][run]
        for (String v : VARIANTS) {
            samples.put(v, new double[3][runs]);
            start(command(app, v, null), null); // untimed: page cache, CDS archive, the jars
        }
        for (int i = 0; i < runs; i++) {
            for (int k = 0; k < VARIANTS.length; k++) {
                String v = VARIANTS[(i + k) % VARIANTS.length]; // each variant in each position as often
                double[] m = start(command(app, v, null), out.resolve("time.txt"));
                for (int f = 0; f < 3; f++) {
                    samples.get(v)[f][i] = m[f];
                }
            }
        }
        Map<String, Figures> result = new LinkedHashMap<>();
        for (String v : VARIANTS) {
            double[][] s = samples.get(v);
            result.put(v, new Figures(median(s[0]), median(s[1]), median(s[2]), classesLoaded(app, v), runs));
        }
        return result;
    }

    private List<String> command(App app, String variant, String extra) {
        List<String> cmd = new ArrayList<>(List.of(java));
        if (agentFlag.get(variant) != null) {
            cmd.add(agentFlag.get(variant));
        }
        if (extra != null) {
            cmd.add(extra);
        }
        cmd.addAll(List.of("-cp", app.classPath(), app.main()));
        return cmd;
    }

    /** Wall ms to exit, ms to the READY line, CPU ms (user + sys); CPU is 0 without a time file. */
    private static double[] start(List<String> cmd, Path timeFile) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (timeFile != null) {
            full.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", timeFile.toString()));
        }
        full.addAll(cmd);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        double firstLine = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (firstLine < 0 && line.startsWith("READY")) {
                    firstLine = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        int exit = p.waitFor();
        double wall = (System.nanoTime() - start) / 1e6;
        if (exit != 0 || firstLine < 0) {
            throw new IllegalStateException("no READY line or exit " + exit + " from " + cmd);
        }
        double cpu = 0;
        if (timeFile != null) {
            String[] f = Files.readString(timeFile).trim().split("\\s+");
            cpu = (Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1])) * 1000;
        }
        return new double[] {wall, firstLine, cpu};
    }

    private long classesLoaded(App app, String variant) throws IOException, InterruptedException {
        Path log = out.resolve("class-load-" + app.name() + "-" + variant + ".log");
        Files.deleteIfExists(log);
        start(command(app, variant, "-Xlog:class+load=info:file=" + log), null);
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("[class,load]")).count();
        }
    }

    /** startup.tsv as {@link Report} reads it: the 10,000-class app with and without the agent, and its memory. */
    private void reportCompatibility(App app, Map<String, Figures> f) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String[] v : new String[][] {{"without-agent", "none"}, {"with-agent", "agent"}}) {
            Figures x = f.get(v[1]);
            lines.add(String.format(Locale.ROOT, "startup\t%s\t%.1f\t%.1f\t%.1f\t%d", v[0], x.firstLineMs(),
                    x.firstLineMs(), x.firstLineMs(), x.runs()));
        }
        for (String[] v : new String[][] {{"without-agent", "none"}, {"with-agent", "agent"}}) {
            List<String> cmd = new ArrayList<>(command(app, v[1], null));
            cmd.add("--memory");
            long[][] samples = new long[5][3];
            for (int i = 0; i < 3; i++) {
                long[] m = memory(cmd);
                for (int k = 0; k < 5; k++) {
                    samples[k][i] = m[k];
                }
            }
            StringBuilder line = new StringBuilder("memory\t" + v[0]);
            for (long[] s : samples) {
                Arrays.sort(s);
                line.append('\t').append(s[1]);
            }
            lines.add(line.toString());
        }
        Files.write(out.resolve("startup.tsv"), lines);
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

    private static String markdown(List<App> apps, Map<String, Map<String, Figures>> f, int runs, IdleWakeUps idle) {
        StringBuilder md = new StringBuilder("## Start-up\n\n");
        md.append("Each application started ").append(runs).append(" times with no agent, with a no-op agent (an empty ")
                .append("`premain`, the floor of any `-javaagent`), with a no-op transformer (a `premain` that adds one ")
                .append("retransformation-capable transformer returning `null`: the floor of any agent that weaves classes ")
                .append("as they load, as the JVM then hands every class it loads to Java) and with this agent, ")
                .append("interleaved run by run; medians. ")
                .append("Wall = process start → exit; first line = start → its `READY` line; CPU = user + sys of the ")
                .append("process (`/usr/bin/time`). Classes = lines of `-Xlog:class+load` in one more start. Written by ")
                .append("`bench/startup.sh` (`StartupTimer`).\n\n");
        md.append("| application | variant | wall ms | first line ms | CPU ms | classes loaded |\n|---|---|---|---|---|---|\n");
        for (App app : apps) {
            for (String v : VARIANTS) {
                Figures x = f.get(app.name()).get(v);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %d |%n", app.title(),
                        variantName(v),
                        x.wallMs(), x.firstLineMs(), x.cpuMs(), x.classes()));
            }
        }
        Map<String, Figures> hello = f.get("hello");
        Map<String, Figures> early = f.get("early");
        md.append("\n| target (issue 12) | measured | |\n|---|---|---|\n");
        double wallRatio = hello.get("agent").wallMs() / hello.get("noop").wallMs();
        target(md, "hello world, wall ≤ 1.15× the no-op agent", String.format(Locale.ROOT, "%.2f×", wallRatio), wallRatio <= 1.15);
        double cpuAdded = hello.get("agent").cpuMs() - hello.get("noop").cpuMs();
        target(md, "hello world, CPU ≤ +30 ms over the no-op agent", String.format(Locale.ROOT, "%+.0f ms", cpuAdded), cpuAdded <= 30);
        double firstAdded = early.get("agent").firstLineMs() - early.get("noop").firstLineMs();
        target(md, "early client, first line ≤ +50 ms over the no-op agent", String.format(Locale.ROOT, "%+.0f ms", firstAdded), firstAdded <= 50);
        long classes = early.get("agent").classes() - early.get("noop").classes();
        target(md, "classes loaded by the agent, one client ≤ 150", classes + " (this agent − no-op agent)", classes <= 150);
        for (String app : List.of("classes-2000", "classes-10000")) {
            double none = f.get(app).get("none").cpuMs();
            double r = f.get(app).get("agent").cpuMs() / none;
            double floor = f.get(app).get("noop").cpuMs() / none;
            double weavingFloor = f.get(app).get("noop-transformer").cpuMs() / none;
            // The rule for a target out of reach: when the floor alone is above it, the figure that counts is
            // this agent within 10 % of that floor. The floor of an agent that must see every class as it loads is
            // the no-op transformer.
            String status = r <= 1.10 ? "PASS"
                    : weavingFloor > 1.10 && r / weavingFloor <= 1.10 ? "MISS; at the floor (≤ 1.10× the no-op transformer)"
                    : "**MISS**";
            md.append("| ").append(app.replace("classes-", "class-heavy app, ")).append(" classes, CPU ≤ 1.10× no agent | ")
                    .append(String.format(Locale.ROOT, "%.2f× (no-op agent: %.2f×; no-op transformer: %.2f×; this agent / "
                            + "no-op transformer: %.2f×)", r, floor, weavingFloor, r / weavingFloor))
                    .append(" | ").append(status).append(" |\n");
        }
        target(md, "idle agent: 0 wake-ups per second after the first minute", idle.measured(), idle.pass());
        return md.append('\n').toString();
    }

    private static String variantName(String variant) {
        return switch (variant) {
            case "none" -> "no agent";
            case "noop" -> "no-op agent";
            case "noop-transformer" -> "no-op transformer";
            default -> "**this agent**";
        };
    }

    private static void target(StringBuilder md, String target, String measured, boolean pass) {
        md.append("| ").append(target).append(" | ").append(measured).append(" | ").append(pass ? "PASS" : "**MISS**").append(" |\n");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

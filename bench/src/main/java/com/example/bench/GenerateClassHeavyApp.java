package com.example.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the sources of a class-heavy application for figure 5: {@code n} classes (each with fields, a static
 * initialiser, a few methods and a nested record), a main that loads, initialises and calls every one of them, makes
 * one {@code createBreadcrumb} call on an in-memory RCRT client (so that, with the agent, one class is instrumented
 * and one event goes through the bus), prints {@code READY} and exits. With {@code --memory} it then reports heap
 * after GC, Metaspace and class counts before exiting.
 *
 * <p>run.sh compiles the output with javac into a jar; the package is {@code genapp}, in scope of the agent's filter,
 * so the agent's transformer looks at every one of these classes.
 */
public final class GenerateClassHeavyApp {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path pkg = dir.resolve("genapp");
        Files.createDirectories(pkg);
        for (int i = 0; i < n; i++) {
            Files.writeString(pkg.resolve("C" + i + ".java"), """
                    package genapp;

                    import java.util.ArrayList;
                    import java.util.List;
                    import java.util.Map;

                    public final class C%1$d implements Component {
                        private static final Map<String, Integer> TABLE = Map.of("a", %1$d, "b", %1$d * 2);
                        private final List<String> names = new ArrayList<>();
                        private int state = %1$d;

                        public record Part(String name, int weight) {}

                        @Override
                        public int work(int x) {
                            names.add("n" + x);
                            state = mix(state, x);
                            return state + TABLE.get("a") + new Part("p", x).weight();
                        }

                        private static int mix(int a, int b) {
                            return (a * 31 + b) ^ (a >>> 3);
                        }

                        public String describe() {
                            return "C%1$d" + names + state;
                        }
                    }
                    """.formatted(i));
        }
        Files.writeString(pkg.resolve("Component.java"), """
                package genapp;

                public interface Component {
                    int work(int x);
                }
                """);
        Files.writeString(pkg.resolve("RcrtClient.java"), """
                package genapp;

                import java.util.Map;

                /** An in-memory RCRT client, as in the other figures. */
                public final class RcrtClient {
                    public Map<String, Object> createBreadcrumb(Map<String, Object> body) {
                        return Map.of("id", "bc-1", "version", 1);
                    }
                }
                """);
        StringBuilder main = new StringBuilder("""
                package genapp;

                import java.lang.management.ManagementFactory;
                import java.lang.management.MemoryPoolMXBean;
                import java.util.List;
                import java.util.Map;

                public final class Main {
                    public static void main(String[] args) throws Exception {
                        long sum = 0;
                """);
        int chunk = 500;
        for (int c = 0; c * chunk < n; c++) {
            main.append("        sum += load").append(c).append("();\n");
        }
        main.append("""
                        new RcrtClient().createBreadcrumb(Map.of("title", "ready", "tags", List.of("startup"),
                                "schema_name", "app.ready.v1", "context", Map.of("sum", sum)));
                        System.out.println("READY " + sum);
                        System.out.flush();
                        if (args.length > 0 && args[0].equals("--memory")) {
                            Thread.sleep(300); // lets the dispatch thread, if any, finish its one event
                            for (int i = 0; i < 3; i++) {
                                System.gc();
                                Thread.sleep(100);
                            }
                            Runtime rt = Runtime.getRuntime();
                            long metaspace = 0;
                            long classSpace = 0;
                            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                                if (pool.getName().equals("Metaspace")) {
                                    metaspace = pool.getUsage().getUsed();
                                } else if (pool.getName().equals("Compressed Class Space")) {
                                    classSpace = pool.getUsage().getUsed();
                                }
                            }
                            System.out.println("MEMORY heapUsed=" + (rt.totalMemory() - rt.freeMemory())
                                    + " metaspaceUsed=" + metaspace + " classSpaceUsed=" + classSpace
                                    + " classesLoaded=" + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
                                    + " threads=" + Thread.activeCount());
                        }
                    }
                """);
        for (int c = 0; c * chunk < n; c++) {
            main.append("\n    private static long load").append(c).append("() {\n        long s = 0;\n");
            for (int i = c * chunk; i < Math.min(n, (c + 1) * chunk); i++) {
                main.append("        s += new C").append(i).append("().work(").append(i).append(");\n");
            }
            main.append("        return s;\n    }\n");
        }
        main.append("}\n");
        Files.writeString(pkg.resolve("Main.java"), main.toString());
        System.out.println("wrote " + (n + 3) + " sources under " + pkg);
    }
}

package org.rcrt.localbus.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.rcrt.localbus.agent.AgentVersion;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.event.CallKind;
import org.rcrt.localbus.agent.event.CallKinds;
import org.rcrt.localbus.agent.interception.ClientClassifier;
import org.rcrt.localbus.agent.interception.HttpRoutes;
import org.rcrt.localbus.agent.launcher.AgentArguments;
import org.rcrt.localbus.agent.sink.SinkCheck;
import org.rcrt.localbus.internal.Json;

/**
 * {@code scan <jar|dir|class path> [--json] [--args=key=value,...]}: which methods the agent would intercept in
 * these classes, with the agent's own classifier on their class files, and what it would do with each; the
 * configured sinks; every configuration problem. Configuration comes from where the agent takes it: the
 * {@code --args} string (as after {@code -javaagent:...=}), {@code -D} properties and the environment.
 * Exit code 0 when at least one supported client method was found and nothing is wrong.
 */
final class ScanCommand {
    private static final String USAGE = "scan <jar|dir|class path> [--json] [--args=key=value,...]";

    /**
     * One intercepted method and the verdict on it; {@code routedBy} says which HTTP annotation routes an interface's
     * method (woven in its proxies), {@code null} for a method intercepted by its name.
     */
    record Found(String className, String origin, String method, String signature, boolean update, ReturnShape shape,
                 boolean supported, String verdict, String routedBy) {}

    /** One configured sink and the verdict on it. */
    record Sink(String sink, boolean supported, String verdict) {}

    private ScanCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        String path = null;
        String agentArgs = null;
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.startsWith("--args=")) {
                agentArgs = arg.substring("--args=".length());
            } else if (path == null && !arg.startsWith("--")) {
                path = arg;
            } else {
                err.println("rcrt-localbus: " + USAGE + "; unexpected argument '" + arg + "'");
                return 2;
            }
        }
        if (path == null) {
            err.println("rcrt-localbus: " + USAGE);
            return 2;
        }
        ScanInput input;
        try {
            input = ScanInput.read(path);
        } catch (IOException e) {
            err.println("rcrt-localbus: cannot read " + path + ": " + e.getMessage());
            return 2;
        }
        // AgentArguments is the launcher's, from the outer jar: the command line's class loader sees it there.
        AgentConfig config = AgentConfig.resolve(AgentArguments.parse(agentArgs), System.getProperties(), System.getenv());
        CallKinds kinds = CallKinds.of(config.methods());
        List<String> methods = kinds.names();
        ClientClassifier classifier = new ClientClassifier(kinds, config.include(), config.exclude());
        List<Found> found = clientMethods(input, classifier);
        List<String> problems = new ArrayList<>();
        List<Sink> sinks = sinks(input, config.sinks(), problems);
        config.settings(); // validates every key, so that each bad one is among the problems
        problems.addAll(0, config.problems());
        long supported = found.stream().filter(Found::supported).count();
        int exitCode = supported > 0 && problems.isEmpty() ? 0 : 1;
        out.print(json ? json(path, input, methods, found, sinks, problems, exitCode)
                : text(path, input, methods, found, sinks, problems, supported, exitCode));
        return exitCode;
    }

    static List<Found> clientMethods(ScanInput input, ClientClassifier classifier) {
        Map<String, byte[]> byName = new LinkedHashMap<>();
        input.classes().values().forEach(c -> byName.put(c.internalName().replace('/', '.'), c.bytes()));
        TypePool pool = TypePool.Default.of(new ClassFileLocator.Compound(
                new ClassFileLocator.Simple(byName), ClassFileLocator.ForClassLoader.ofBootLoader()));
        List<Found> found = new ArrayList<>();
        HttpRoutes.ClassFiles files = name -> {
            ScanInput.ClassFile f = input.classes().get(name);
            return f == null ? null : f.bytes();
        };
        input.classes().values().stream().sorted((a, b) -> a.internalName().compareTo(b.internalName())).forEach(c -> {
            Map<String, HttpRoutes.Route> routes = classifier.routes(c.internalName(), files);
            if (!routes.isEmpty()) {
                TypeDescription type = pool.describe(c.internalName().replace('/', '.')).resolve();
                for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
                    HttpRoutes.Route r = routes.get(m.getInternalName() + m.getDescriptor());
                    if (r != null) {
                        found.add(found(type, c, m, r.kind() == CallKind.UPDATE, r.because()));
                    }
                }
            }
            if (!classifier.candidate(c.internalName(), c.bytes())) {
                return;
            }
            TypeDescription type = pool.describe(c.internalName().replace('/', '.')).resolve();
            if (!classifier.isClient(type)) {
                return;
            }
            for (MethodDescription.InDefinedShape m : type.getDeclaredMethods().filter(classifier.interceptedMethod())) {
                if (m.isBridge()) {
                    continue; // it only delegates to the method it bridges, whose call is the one event
                }
                found.add(found(type, c, m, classifier.kinds().of(m.getName()) == CallKind.UPDATE, null));
            }
        });
        return found;
    }

    private static Found found(TypeDescription type, ScanInput.ClassFile c, MethodDescription m, boolean update,
                               String routedBy) {
        ReturnShape shape = ReturnShape.of(m);
        String returned = m.getReturnType().asErasure().getSimpleName();
        String params = m.getParameters().asTypeList().asErasures().stream()
                .map(TypeDescription::getSimpleName).collect(Collectors.joining(", "));
        return new Found(type.getName(), c.origin(), m.getName(), m.getName() + "(" + params + ") returns " + returned,
                update, shape, shape.supported(update), shape.verdict(update, returned), routedBy);
    }

    private static List<Sink> sinks(ScanInput input, List<AgentConfig.SinkSpec> specs, List<String> problems) {
        List<Sink> sinks = new ArrayList<>();
        if (specs.isEmpty()) {
            return sinks;
        }
        ScannedClassLoader loader = new ScannedClassLoader(input.classes());
        boolean jackson = input.classes().containsKey("com/fasterxml/jackson/databind/ObjectMapper");
        for (AgentConfig.SinkSpec spec : specs) {
            SinkCheck.Verdict verdict;
            if (!input.classes().containsKey(spec.className().replace('.', '/'))) {
                verdict = new SinkCheck.Verdict(false, "the class " + spec.className() + " is not among the scanned classes");
            } else {
                try {
                    verdict = SinkCheck.of(Class.forName(spec.className(), false, loader), spec.methodName(), jackson);
                } catch (ClassNotFoundException | LinkageError e) {
                    verdict = new SinkCheck.Verdict(false, "the class " + spec.className() + " can't be read: " + e);
                }
            }
            sinks.add(new Sink(spec.toString(), verdict.supported(), verdict.text()));
            if (!verdict.supported()) {
                problems.add("rcrt.localbus.sink " + spec + ": " + verdict.text());
            }
        }
        return sinks;
    }

    private static String text(String path, ScanInput input, List<String> methods, List<Found> found, List<Sink> sinks,
                               List<String> problems, long supported, int exitCode) {
        StringBuilder b = new StringBuilder();
        b.append("rcrt-localbus-agent ").append(AgentVersion.get()).append(" scan of ").append(path).append('\n');
        b.append("  ").append(input.classes().size()).append(" classes read from ").append(input.description())
                .append("; intercepted method names: ").append(String.join(",", methods)).append('\n');
        b.append("\nclient methods (").append(found.size()).append(" intercepted, ").append(supported).append(" supported)\n");
        for (Found f : found) {
            b.append("  ").append(f.className()).append('#').append(f.signature());
            if (f.origin().contains("BOOT-INF/lib/")) {
                b.append("  [").append(f.origin()).append(']');
            }
            b.append("\n      ").append(f.update() ? "update" : "create");
            if (f.routedBy() != null) {
                b.append(" (routed by ").append(f.routedBy()).append(", in the interface's JDK proxies)");
            }
            b.append(", ").append(f.shape().text)
                    .append(": ").append(f.verdict()).append('\n');
        }
        b.append("\nsinks (").append(sinks.size()).append(")\n");
        for (Sink s : sinks) {
            b.append("  ").append(s.sink()).append("\n      ").append(s.supported() ? "supported: " : "")
                    .append(s.verdict()).append('\n');
        }
        b.append("\nconfiguration problems (").append(problems.size()).append(")\n");
        problems.forEach(p -> b.append("  ").append(p).append('\n'));
        b.append("\nexit code ").append(exitCode).append(": ");
        if (exitCode == 0) {
            b.append(supported).append(" supported client method").append(supported == 1 ? "" : "s").append(", no problems\n");
        } else if (supported == 0) {
            b.append("no supported client method").append(problems.isEmpty() ? "" : ", and configuration problems").append('\n');
        } else {
            b.append("configuration problems\n");
        }
        return b.toString();
    }

    private static String json(String path, ScanInput input, List<String> methods, List<Found> found, List<Sink> sinks,
                               List<String> problems, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", AgentVersion.get());
        doc.put("input", path);
        doc.put("read", input.description());
        doc.put("classes", input.classes().size());
        doc.put("methods_intercepted", methods);
        List<Object> list = new ArrayList<>();
        for (Found f : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", f.className());
            m.put("origin", f.origin());
            m.put("method", f.method());
            m.put("signature", f.signature());
            m.put("kind", f.update() ? "update" : "create");
            if (f.routedBy() != null) {
                m.put("routed_by", f.routedBy());
            }
            m.put("shape", f.shape().name().toLowerCase(java.util.Locale.ROOT));
            m.put("supported", f.supported());
            m.put("verdict", f.verdict());
            list.add(m);
        }
        doc.put("client_methods", list);
        List<Object> sinkList = new ArrayList<>();
        for (Sink s : sinks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sink", s.sink());
            m.put("supported", s.supported());
            m.put("verdict", s.verdict());
            sinkList.add(m);
        }
        doc.put("sinks", sinkList);
        doc.put("problems", problems);
        doc.put("exit_code", exitCode);
        return Json.write(doc) + "\n";
    }
}

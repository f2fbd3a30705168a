package org.rcrt.localbus.agent.interception;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.rcrt.localbus.agent.event.CallKind;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Which methods of a client interface are RCRT's create and update, by the HTTP annotations on them, so that the
 * proxies of a Feign, Retrofit, JAX-RS or Spring HTTP interface are intercepted without configuration. Only the
 * interface's class file is read (ASM), never the loaded interface: reflection on annotations would build them,
 * and that runs the application's code (and its class loading) at the moment a proxy class is defined.
 *
 * <p>The rule: {@code POST} to a path whose last segment is {@code breadcrumbs} is a create; {@code PATCH} to a
 * path ending {@code breadcrumbs/{var}} (one template variable) is an update; anything else is not an RCRT call.
 * Any prefix counts ({@code /api/v1/breadcrumbs}); a query string and a trailing slash are ignored.
 *
 * <p>Spring's {@code @PostMapping}, {@code @PatchMapping} and {@code @RequestMapping} are also how a server-side
 * controller is written, and a controller's interface gets a Spring AOP proxy (which implements
 * {@code SpringProxy}) as soon as an aspect or a transaction applies to it: on such a proxy they don't count. A
 * Spring HTTP interface's client is a Spring AOP proxy too, and its {@code @*Exchange} annotations are client-only,
 * so they count there, as Feign's, Retrofit's and JAX-RS's do.
 */
public final class HttpRoutes {
    private static final AgentLog LOG = AgentLog.get();
    /** Interfaces whose routes are remembered; a proxy of a further one is intercepted by name only. */
    static final int MAX_INTERFACES = 1024;
    /** Interfaces read for one proxy, its interfaces' super-interfaces included: a bound against odd hierarchies. */
    private static final int MAX_READ_PER_PROXY = 32;
    static final String SPRING_PROXY = "org/springframework/aop/SpringProxy";

    /** Where a class file comes from: the proxy's class loader at run time, the scanned files offline. */
    public interface ClassFiles {
        /** The class file of {@code internalName}, or {@code null} when there is none. */
        byte[] read(String internalName);
    }

    /** One routed method: its kind and, for the scan's report, what said so ({@code POST /breadcrumbs (@RequestLine)}). */
    public record Route(CallKind kind, String because) {}

    private final ClientClassFilter filter;
    /** By the proxy's class loader (weakly: a route never keeps a loader alive), then by interface. */
    private final Map<ClassLoader, Map<String, Map<String, Route>>> remembered = new WeakHashMap<>();
    private boolean saidFull;

    /** @param filter which interfaces may be clients: the include/exclude globs' decision */
    HttpRoutes(ClientClassFilter filter) {
        this.filter = filter;
    }

    /**
     * The routed methods of a JDK proxy class, by name and descriptor, from the class files of its interfaces as its
     * class loader finds them. Empty when no interface of it is a client interface with routes.
     */
    Map<String, Route> ofProxy(ClassLoader loader, List<String> interfaces) {
        boolean springAop = interfaces.contains(SPRING_PROXY);
        Map<String, Route> out = new LinkedHashMap<>();
        for (String i : interfaces) {
            if (filter.interfaceInScope(i)) {
                ofInterface(loader, i, springAop).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    private Map<String, Route> ofInterface(ClassLoader loader, String name, boolean springAop) {
        String key = (springAop ? "aop:" : "") + name;
        synchronized (remembered) {
            Map<String, Route> known = remembered.getOrDefault(loader, Map.of()).get(key);
            if (known != null) {
                return known;
            }
            if (rememberedCount() >= MAX_INTERFACES) {
                if (!saidFull) {
                    saidFull = true;
                    LOG.info("the routes of {} client interfaces are remembered, the most the agent keeps: the "
                            + "proxies of further interfaces are intercepted by their configured method names only",
                            MAX_INTERFACES);
                }
                return Map.of();
            }
        }
        Map<String, Route> routes = of(name, resource -> readResource(loader, resource), filter, springAop);
        if (!routes.isEmpty()) { // an interface without routes (an annotation type's, say) is read again, never kept
            synchronized (remembered) {
                if (rememberedCount() < MAX_INTERFACES) { // another thread may have filled it meanwhile
                    remembered.computeIfAbsent(loader, l -> new HashMap<>()).put(key, routes);
                }
            }
        }
        return routes;
    }

    /** Interfaces remembered, over every class loader still alive; the caller holds the lock. */
    private int rememberedCount() {
        int count = 0;
        for (Map<String, Map<String, Route>> byInterface : remembered.values()) {
            count += byInterface.size();
        }
        return count;
    }

    private static byte[] readResource(ClassLoader loader, String internalName) {
        try (java.io.InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The routed methods of an interface and of its super-interfaces in scope (its own first), by name and
     * descriptor, as a proxy implementing it gets them. Empty for a class that is not an interface.
     *
     * @param springAop whether the proxy is a Spring AOP proxy: then only client-only annotations count
     */
    static Map<String, Route> of(String name, ClassFiles files, ClientClassFilter filter, boolean springAop) {
        Map<String, Route> out = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(List.of(name));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty() && seen.size() < MAX_READ_PER_PROXY) {
            String next = pending.remove(0);
            if ((!next.equals(name) && !filter.interfaceInScope(next)) || !seen.add(next)) {
                continue;
            }
            byte[] classFile = files.read(next);
            if (classFile == null || !ClassFileScan.isInterface(classFile)) {
                continue; // a controller class, or anything else a proxy can't implement
            }
            pending.addAll(ClassFileScan.interfaces(classFile)); // in scope or not: looked at when taken
            Declared declared = mentionsHttpAnnotation(classFile) ? Parse.read(classFile) : null;
            if (declared != null) {
                declared.routes(springAop).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    /** The kind of a call of {@code verb} to {@code path}; {@code null} when it is not RCRT's create or update. */
    static CallKind kindOf(String verb, String path) {
        String v = verb.toUpperCase(Locale.ROOT);
        if (v.equals("POST") && isCreatePath(path)) {
            return CallKind.CREATE;
        }
        if (v.equals("PATCH") && isUpdatePath(path)) {
            return CallKind.UPDATE;
        }
        return null;
    }

    private static boolean isCreatePath(String path) {
        List<String> s = segments(path);
        return !s.isEmpty() && s.get(s.size() - 1).equals("breadcrumbs");
    }

    private static boolean isUpdatePath(String path) {
        List<String> s = segments(path);
        int n = s.size();
        return n >= 2 && s.get(n - 2).equals("breadcrumbs") && isVariable(s.get(n - 1));
    }

    /** {@code {id}}, also JAX-RS's {@code {id: [0-9a-f-]+}}: one variable that is the whole segment. */
    private static boolean isVariable(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.indexOf('{', 1) < 0
                && segment.indexOf('}') == segment.length() - 1;
    }

    /** The non-empty segments of a path, without its query string or fragment. */
    private static List<String> segments(String path) {
        int end = path.length();
        for (char c : new char[] {'?', '#'}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    // ---- reading the annotations ----

    /** The annotation families: each joins its own class-level path with its own method-level ones. */
    private enum Family {
        FEIGN,
        RETROFIT,
        JAX_RS,
        /** {@code @PostMapping}, {@code @PatchMapping}, {@code @RequestMapping}: also on server-side controllers. */
        SPRING_MAPPING,
        SPRING_EXCHANGE
    }

    /** What one family's annotations on one element (the interface, or a method) say. */
    private static final class Said {
        final Set<String> verbs = new HashSet<>();
        List<String> paths; // null: no path given on this element
        final List<String> annotations = new ArrayList<>();

        void paths(List<String> more) {
            if (paths == null) {
                paths = new ArrayList<>();
            }
            paths.addAll(more);
        }
    }

    /** The interface as its class file declares it: its class-level and method-level annotations. */
    private static final class Declared {
        final Map<Family, Said> type = new EnumMap<>(Family.class);
        final Map<String, Map<Family, Said>> methods = new LinkedHashMap<>();

        Map<String, Route> routes(boolean springAop) {
            Map<String, Route> out = new LinkedHashMap<>();
            methods.forEach((method, families) -> {
                Route route = null;
                for (Map.Entry<Family, Said> e : families.entrySet()) {
                    if (springAop && e.getKey() == Family.SPRING_MAPPING) {
                        continue;
                    }
                    Route r = route(e.getValue(), type.get(e.getKey()));
                    if (r == null || (route != null && route.kind() != r.kind())) {
                        return; // annotations that say something else, or disagree: not an RCRT call
                    }
                    route = r;
                }
                if (route != null) {
                    out.put(method, route);
                }
            });
            return out;
        }

        /** One family's route of a method: one verb, and every path (class-level joined) of the same kind. */
        private static Route route(Said method, Said type) {
            if (method.verbs.size() != 1) {
                return null;
            }
            String verb = method.verbs.iterator().next();
            List<String> prefixes = type == null || type.paths == null || type.paths.isEmpty() ? List.of("") : type.paths;
            List<String> paths = method.paths == null || method.paths.isEmpty() ? List.of("") : method.paths;
            CallKind kind = null;
            String first = null;
            for (String prefix : prefixes) {
                for (String path : paths) {
                    String full = join(prefix, path);
                    CallKind k = kindOf(verb, full);
                    if (k == null || (kind != null && k != kind)) {
                        return null;
                    }
                    kind = k;
                    first = first == null ? full : first;
                }
            }
            Set<String> annotations = new java.util.LinkedHashSet<>(method.annotations);
            if (type != null) {
                annotations.addAll(type.annotations);
            }
            return new Route(kind, verb.toUpperCase(Locale.ROOT) + " " + first + " (" + String.join(", ", annotations) + ")");
        }

        private static String join(String prefix, String path) {
            if (prefix.isEmpty()) {
                return path;
            }
            if (path.isEmpty()) {
                return prefix;
            }
            return (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                    + (path.startsWith("/") ? path : "/" + path);
        }
    }

    /**
     * The only part that names ASM, in a class of its own: the verifier loads ASM's classes with it, so only an
     * interface whose class file mentions an HTTP annotation loads them.
     */
    private static final class Parse {
        private Parse() {}

        /** {@code null} for a class file ASM can't read. */
        static Declared read(byte[] classFile) {
            ClassReader reader;
            try {
                reader = new ClassReader(classFile);
            } catch (RuntimeException malformed) {
                return null;
            }
            Declared declared = new Declared();
            try {
                reader.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                        return attributes(descriptor, declared.type);
                    }

                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                        if ((access & Opcodes.ACC_ABSTRACT) == 0) {
                            return null; // a default or static method runs as written, it is not a request of the proxy's
                        }
                        Map<Family, Said> said = new EnumMap<>(Family.class);
                        declared.methods.put(name + descriptor, said);
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                                return attributes(annotation, said);
                            }
                        };
                    }
                }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            } catch (RuntimeException malformed) {
                return null;
            }
            return declared;
        }

        /** Collects an annotation's string and enum values (arrays flattened), then records what it says. */
        private static AnnotationVisitor attributes(String descriptor, Map<Family, Said> into) {
            if (!known(descriptor)) {
                return null;
            }
            Map<String, List<String>> values = new HashMap<>();
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String name, Object value) {
                    if (value instanceof String s) {
                        values.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
                    }
                }

                @Override
                public void visitEnum(String name, String enumDescriptor, String value) {
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }

                @Override
                public AnnotationVisitor visitArray(String name) {
                    List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
                    return new AnnotationVisitor(Opcodes.ASM9) {
                        @Override
                        public void visit(String unnamed, Object value) {
                            if (value instanceof String s) {
                                list.add(s);
                            }
                        }

                        @Override
                        public void visitEnum(String unnamed, String enumDescriptor, String value) {
                            list.add(value);
                        }
                    };
                }

                @Override
                public void visitEnd() {
                    record(descriptor, values, into);
                }
            };
        }
    }

    private static final String RETROFIT = "Lretrofit2/http/";
    private static final String MAPPING = "Lorg/springframework/web/bind/annotation/";
    private static final String EXCHANGE = "Lorg/springframework/web/service/annotation/";

    /** The descriptor prefixes of the annotations read, as the class file's constant pool holds them. */
    private static final byte[][] MARKERS = {
            "Lfeign/RequestLine;".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            RETROFIT.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "Ljavax/ws/rs/".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "Ljakarta/ws/rs/".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            MAPPING.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            EXCHANGE.getBytes(java.nio.charset.StandardCharsets.UTF_8)};

    /** The cheap look first: a class file that names none of the annotations has no route. */
    private static boolean mentionsHttpAnnotation(byte[] b) {
        for (byte[] m : MARKERS) {
            outer:
            for (int i = 0; i + m.length <= b.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    if (b[i + j] != m[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean known(String d) {
        return d.equals("Lfeign/RequestLine;") || d.startsWith(RETROFIT) || d.startsWith("Ljavax/ws/rs/")
                || d.startsWith("Ljakarta/ws/rs/") || d.startsWith(MAPPING) || d.startsWith(EXCHANGE);
    }

    private static void record(String d, Map<String, List<String>> values, Map<Family, Said> into) {
        String simple = d.substring(d.lastIndexOf('/') + 1, d.length() - 1);
        String annotation = "@" + simple;
        if (d.equals("Lfeign/RequestLine;")) {
            // "POST /breadcrumbs" (Feign allows an HTTP version after the path)
            List<String> tokens = segmentsBySpace(first(values, "value"));
            if (!tokens.isEmpty()) {
                Said s = said(into, Family.FEIGN, annotation);
                s.verbs.add(tokens.get(0));
                s.paths(List.of(tokens.size() > 1 ? tokens.get(1) : ""));
            }
        } else if (d.startsWith(RETROFIT)) {
            switch (simple) {
                case "POST", "PATCH" -> {
                    Said s = said(into, Family.RETROFIT, annotation);
                    s.verbs.add(simple);
                    s.paths(List.of(first(values, "value")));
                }
                case "HTTP" -> {
                    Said s = said(into, Family.RETROFIT, annotation);
                    s.verbs.add(first(values, "method"));
                    s.paths(List.of(first(values, "path")));
                }
                default -> { }
            }
        } else if (d.startsWith("Ljavax/ws/rs/") || d.startsWith("Ljakarta/ws/rs/")) {
            switch (simple) {
                case "POST", "PATCH" -> said(into, Family.JAX_RS, annotation).verbs.add(simple);
                case "Path" -> said(into, Family.JAX_RS, annotation).paths(List.of(first(values, "value")));
                default -> { }
            }
        } else if (d.startsWith(MAPPING)) {
            switch (simple) {
                case "PostMapping", "PatchMapping" -> {
                    Said s = said(into, Family.SPRING_MAPPING, annotation);
                    s.verbs.add(simple.equals("PostMapping") ? "POST" : "PATCH");
                    s.paths(paths(values, "value", "path"));
                }
                case "RequestMapping" -> {
                    Said s = said(into, Family.SPRING_MAPPING, annotation);
                    s.verbs.addAll(values.getOrDefault("method", List.of()));
                    s.paths(paths(values, "value", "path"));
                }
                default -> { }
            }
        } else if (d.startsWith(EXCHANGE)) {
            switch (simple) {
                case "PostExchange", "PatchExchange" -> {
                    Said s = said(into, Family.SPRING_EXCHANGE, annotation);
                    s.verbs.add(simple.equals("PostExchange") ? "POST" : "PATCH");
                    s.paths(paths(values, "value", "url"));
                }
                case "HttpExchange" -> {
                    Said s = said(into, Family.SPRING_EXCHANGE, annotation);
                    String method = first(values, "method");
                    if (!method.isEmpty()) {
                        s.verbs.add(method);
                    }
                    s.paths(paths(values, "value", "url"));
                }
                default -> { }
            }
        }
    }

    private static Said said(Map<Family, Said> into, Family family, String annotation) {
        Said s = into.computeIfAbsent(family, f -> new Said());
        s.annotations.add(annotation);
        return s;
    }

    private static String first(Map<String, List<String>> values, String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** A Spring attribute and its alias ({@code value} / {@code path}): whichever the annotation sets. */
    private static List<String> paths(Map<String, List<String>> values, String name, String alias) {
        List<String> out = new ArrayList<>(values.getOrDefault(name, List.of()));
        out.addAll(values.getOrDefault(alias, List.of()));
        return out;
    }

    private static List<String> segmentsBySpace(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || Character.isWhitespace(line.charAt(i))) {
                if (i > start) {
                    out.add(line.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }
}

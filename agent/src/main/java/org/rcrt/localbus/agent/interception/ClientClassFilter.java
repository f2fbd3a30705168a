package org.rcrt.localbus.agent.interception;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rcrt.localbus.agent.config.GlobList;

/**
 * The cheap first look at every class the JVM loads, before anything parses it: by name (never the JDK, the agent,
 * or common frameworks; then the include/exclude globs), then by bytes (a class must declare a concrete method of
 * one of the names). Almost every class stops here.
 */
final class ClientClassFilter {
    /** Packages never touched: the JDK, this agent, and frameworks that are never an RCRT client. */
    static final List<String> NEVER = List.of(
            "java/", "javax/", "jdk/", "sun/", "com/sun/", "org/rcrt/localbus/", "net/bytebuddy/",
            "org/slf4j/", "ch/qos/logback/", "org/apache/", "org/springframework/", "com/fasterxml/", "org/junit/",
            "org/assertj/", "org/eclipse/", "io/netty/", "kotlin/", "kotlinx/", "scala/", "groovy/", "org/hibernate/",
            "com/google/", "okhttp3/", "okio/", "reactor/", "io/micrometer/", "org/jboss/", "org/glassfish/",
            "jakarta/", "org/wiremock/", "com/github/tomakehurst/", "io/opentelemetry/", "org/objectweb/asm/",
            "org/openjdk/jmh/", "org/gradle/", "worker/org/gradle/", "org/aspectj/", "org/codehaus/");
    /** JDK dynamic proxies live in these JDK packages, yet implement the application's interfaces: in scope. */
    private static final List<String> PROXY_PACKAGES = List.of("jdk/proxy", "com/sun/proxy/");

    private final GlobList include;
    private final GlobList exclude;
    private final byte[][] methodNames;

    ClientClassFilter(List<String> methods, GlobList include, GlobList exclude) {
        this.include = include;
        this.exclude = exclude;
        this.methodNames = new byte[methods.size()][];
        for (int i = 0; i < methodNames.length; i++) {
            methodNames[i] = methods.get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** By internal name ({@code com/acme/Client}): could this class be an RCRT client at all? */
    boolean nameInScope(String internalName) {
        if (isProxy(internalName)) {
            return true; // its interfaces decide, later
        }
        for (String prefix : NEVER) {
            if (internalName.startsWith(prefix)) {
                return false;
            }
        }
        if (internalName.contains("$$Lambda") || isGeneratedSubclass(internalName)) {
            return false;
        }
        String name = internalName.replace('/', '.');
        return (include.matchesAll() || include.matches(name)) && !exclude.matches(name);
    }

    /** For a proxy class: whether this one of its interfaces (internal name) makes it a client candidate. */
    boolean interfaceInScope(String internalName) {
        return !isProxy(internalName) && nameInScope(internalName);
    }

    /**
     * A subclass generated at run time around a client bean — Spring's and plain CGLIB proxies, Byte Buddy
     * subclasses — delegates each call to the real client (its target, or {@code super}), which is woven itself:
     * that call is the event, with the real client's owner. The weaver could take the generated class too (it
     * follows the operand stack), but it is left alone on purpose: its method is the aspects' entry, not the request.
     * Woven, a fallback or cache aspect that returns normally without the real call succeeding would make an
     * event of a call RCRT never stored (SpringBootClientIT's fallback case), and an {@code @Async} proxy returns before
     * the request is even sent (an update would have an event then, and another when the target's call succeeds on
     * its own thread). Only the real client's own return says the request
     * succeeded.
     */
    static boolean isGeneratedSubclass(String internalName) {
        return internalName.contains("$$SpringCGLIB$$") || internalName.contains("$$EnhancerBy")
                || internalName.contains("$$FastClassBy") || internalName.contains("$ByteBuddy$");
    }

    static boolean isProxy(String internalName) {
        for (String p : PROXY_PACKAGES) {
            if (internalName.startsWith(p) && internalName.contains("$Proxy")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link ClassFileScan#DECLARES} and {@link ClassFileScan#LAMBDA} bits. Cheap (a scan of the constant pool and
     * the method table), and exact, so that classes that only call the client are never handed to the weaver.
     */
    int scan(byte[] classFile) {
        return ClassFileScan.scan(classFile, methodNames);
    }

    /** The interfaces the class's lambdas implement with one of the method names (internal names). */
    List<String> lambdaInterfaces(byte[] classFile) {
        return ClassFileScan.lambdaInterfaces(classFile, methodNames);
    }
}

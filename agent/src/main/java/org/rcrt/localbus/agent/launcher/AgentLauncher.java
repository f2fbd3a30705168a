package org.rcrt.localbus.agent.launcher;

import java.lang.instrument.Instrumentation;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's entry point, and the only part of it on the application's class path. It uses the JDK alone.
 *
 * <p>When the agent is disabled it returns before touching anything: no class path change, no transformer, no
 * thread. Otherwise it defines the api and the interception hook in the bootstrap class loader (see
 * {@link BootstrapClasses}), so that every class loader reaches one bus, and starts the rest in a class loader of its
 * own over the agent jar's {@code rcrt-localbus/impl/} entries, so that its relocated Byte Buddy is
 * invisible to the application and its class-path scanners. Nothing is extracted or written anywhere.
 */
public final class AgentLauncher {
    /** Where the isolated part of the agent lives in its jar (see {@link AgentJarClassLoader}). */
    private static final String IMPL = "rcrt-localbus/impl/";
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentLauncher() {}

    public static void premain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, false);
    }

    public static void agentmain(String agentArgs, Instrumentation inst) {
        start(agentArgs, inst, true);
    }

    private static void start(String agentArgs, Instrumentation inst, boolean attached) {
        try {
            Map<String, String> args = AgentArguments.parse(agentArgs);
            if (AgentArguments.disabled(args)) {
                return;
            }
            if (!STARTED.compareAndSet(false, true) || BootstrapClasses.definedByAnotherCopy()) {
                stderr("WARN", "the agent is already installed in this JVM; this copy does nothing");
                return;
            }
            AgentJar jar = AgentJar.containing(AgentLauncher.class);
            BootstrapClasses.install(inst, jar);
            ClassLoader isolated = new AgentJarClassLoader("rcrt-localbus-agent", ClassLoader.getPlatformClassLoader(),
                    jar, IMPL, ".classdata");
            Class<?> installer = Class.forName("org.rcrt.localbus.agent.Installer", true, isolated);
            installer.getMethod("install", Instrumentation.class, Map.class, boolean.class)
                    .invoke(null, inst, args, attached);
            if (attached) {
                ApiCopies.joinShared(inst);
            }
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            stderr("ERROR", "agent not installed, the application runs without it: " + cause);
        }
    }

    /**
     * The agent's isolated classes for the command line ({@code java -jar}), read in place from the jar like the
     * agent's: under {@code parent}, which sees the api at the jar's root.
     */
    public static ClassLoader commandLineLoader(ClassLoader parent) throws java.io.IOException {
        return new AgentJarClassLoader("rcrt-localbus-cli", parent, AgentJar.containing(AgentLauncher.class), IMPL,
                ".classdata");
    }

    /** Before the agent's logger exists, this is the one way to speak. */
    static void stderr(String level, String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " [rcrt-localbus] " + message);
    }
}

package org.rcrt.localbus.agent.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's entry point, and the only part of it on the application's class path. It uses the JDK alone.
 *
 * <p>When the agent is disabled it returns before touching anything: no class path change, no transformer, no
 * thread. Otherwise it appends {@code bootstrap.jar} (the api and the interception hook) to the bootstrap class
 * path, so that every class loader reaches one bus, and starts the rest from {@code impl.jar} in a class loader of
 * its own, so that its relocated Byte Buddy and SLF4J are invisible to the application and its class-path scanners.
 */
public final class AgentLauncher {
    private static final String HOOK = "org.rcrt.localbus.bootstrap.InterceptionHook";
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
            if (!STARTED.compareAndSet(false, true) || hookOnBootstrapPath()) {
                stderr("WARN", "the agent is already installed in this JVM; this copy does nothing");
                return;
            }
            Path dir = Files.createTempDirectory("rcrt-localbus-");
            dir.toFile().deleteOnExit();
            BootstrapClasses.install(inst, resource("rcrt-localbus/bootstrap.jar"), dir);
            Path implJar = extract("rcrt-localbus/impl.jar", dir);
            ClassLoader isolated = new URLClassLoader("rcrt-localbus-agent", new URL[] {implJar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> installer = Class.forName("org.rcrt.localbus.agent.Installer", true, isolated);
            installer.getMethod("install", Instrumentation.class, Map.class, boolean.class)
                    .invoke(null, inst, args, attached);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            stderr("ERROR", "agent not installed, the application runs without it: " + cause);
        }
    }

    private static boolean hookOnBootstrapPath() {
        try {
            Class.forName(HOOK, false, null);
            return true;
        } catch (ClassNotFoundException expected) {
            return false;
        }
    }

    private static byte[] resource(String entry) throws IOException {
        try (InputStream in = AgentLauncher.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is missing from the agent jar");
            }
            return BootstrapClasses.readAll(in);
        }
    }

    private static Path extract(String entry, Path dir) throws IOException {
        Path target = dir.resolve(entry.substring(entry.lastIndexOf('/') + 1));
        Files.write(target, resource(entry));
        target.toFile().deleteOnExit();
        return target;
    }

    /** Before the agent's logger exists, this is the one way to speak. */
    static void stderr(String level, String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " [rcrt-localbus] " + message);
    }
}

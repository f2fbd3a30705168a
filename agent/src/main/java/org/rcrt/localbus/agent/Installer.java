package org.rcrt.localbus.agent;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.dispatch.Dispatcher;
import org.rcrt.localbus.agent.dispatch.LoggingDiagnostics;
import org.rcrt.localbus.agent.event.CallCapture;
import org.rcrt.localbus.agent.event.CallKinds;
import org.rcrt.localbus.agent.event.OncePerKey;
import org.rcrt.localbus.agent.interception.CallTracker;
import org.rcrt.localbus.agent.interception.ClientInterception;
import org.rcrt.localbus.agent.jmx.BusMBean;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.agent.security.Privileged;
import org.rcrt.localbus.agent.sink.SinkInterception;
import org.rcrt.localbus.agent.sink.Sinks;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Starts the agent inside its isolated class loader: reads the configuration, wires the hook to the dispatcher
 * and the dispatcher to the bus, and installs the interception. Whatever fails here is logged once as ERROR and
 * the application runs on without the agent.
 */
public final class Installer {
    private Installer() {}

    public static void install(Instrumentation inst, Map<String, String> agentArgs, boolean attached) {
        AgentConfig config = AgentConfig.fromEnvironment(agentArgs);
        AgentLog.setLevel(config.logLevel());
        AgentLog log = AgentLog.get();
        try {
            boolean enabled = config.enabled();
            CallKinds kinds = CallKinds.of(config.methods());
            List<String> methods = kinds.names();
            AgentConfig.Dispatch dispatch = config.dispatch();
            int queueCapacity = config.queueCapacity();
            AgentConfig.DedupeWindowSpec window = config.dedupeWindow();
            long drainNanos = config.shutdownDrain().toNanos();
            List<AgentConfig.SinkSpec> sinks = config.sinks();
            Selector sinkSelector = config.sinkSelector();
            String sinkOwner = config.sinkOwner();
            boolean dedupe = config.dedupe();
            boolean jmx = config.jmx();
            Map<String, String> settings = config.settings();
            for (String problem : config.problems()) {
                log.warn(problem);
            }
            for (String error : config.errors()) {
                log.error(error);
            }
            if (!enabled) {
                return;
            }

            InProcessBus bus = InProcessBus.INSTANCE;
            bus.configure(dispatch == AgentConfig.Dispatch.SYNC, queueCapacity, drainNanos,
                    window.maxEntries(), window.maxAge().toNanos());
            bus.diagnostics(new LoggingDiagnostics(log));
            OncePerKey problems = new OncePerKey(log);
            problems.registerCounter(bus);
            ClientInterception interception = new ClientInterception(kinds, config.include(), config.exclude(),
                    new CaptureSetUp(kinds, problems, bus));
            interception.registerCounters(bus);
            interception.install(inst, attached);
            if (!sinks.isEmpty() && !config.sinksFailClosed()) {
                installSinks(inst, sinks, (sinkSelector == null ? Selector.all() : sinkSelector).withOwner(sinkOwner),
                        dedupe, bus, problems, log);
            }

            if (jmx) {
                BusMBean.registerSoon(bus, settings);
            }
            log.info("rcrt-localbus {} started: methods={}, dispatch={}{}{}", AgentVersion.get(), String.join(",", methods),
                    dispatch.name().toLowerCase(), sinks.isEmpty() ? "" : ", sinks=" + sinks + (dedupe ? " (dedupe)" : ""),
                    attached ? ", attached to a running JVM" : "");
        } catch (Throwable t) {
            InterceptionHook.install(null);
            log.error("agent not installed, the application runs without it: {}", t.toString());
        }
    }

    /** The capture of client calls and the dispatcher behind it, wired to the hook the woven code calls. */
    private static final class CaptureSetUp implements Runnable {
        private final CallKinds kinds;
        private final OncePerKey problems;
        private final InProcessBus bus;

        CaptureSetUp(CallKinds kinds, OncePerKey problems, InProcessBus bus) {
            this.kinds = kinds;
            this.problems = problems;
            this.bus = bus;
        }

        @Override
        public void run() {
            CallTracker tracker = new CallTracker(new CallCapture(kinds, problems), new Dispatcher(bus));
            tracker.registerCounters(bus);
            InterceptionHook.install(Privileged.handler(tracker));
        }
    }

    private static void installSinks(Instrumentation inst, List<AgentConfig.SinkSpec> sinks, Selector selector,
                                     boolean dedupe, InProcessBus bus, OncePerKey problems, AgentLog log) {
        for (AgentConfig.SinkSpec spec : sinks) {
            String resource = spec.className().replace('.', '/') + ".class";
            if (ClassLoader.getSystemClassLoader().getResource(resource) == null && !inLauncherJar(resource)) {
                log.warn("sink class {} is not on the application class path; if another class loader loads it later, "
                        + "its instances are still picked up", spec.className());
            }
        }
        Sinks handler = new Sinks(sinks, selector, dedupe, bus, problems, log);
        SinkHook.install(Privileged.handler(handler));
        SinkInterception.install(inst, handler);
    }

    /**
     * Whether a jar on the class path holds the class where a launcher loads it from: a Spring Boot fat jar's
     * {@code BOOT-INF/classes/} or a war's {@code WEB-INF/classes/}. Such a class is on the application's path,
     * just not the system class loader's.
     */
    private static boolean inLauncherJar(String resource) {
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (!entry.endsWith(".jar") && !entry.endsWith(".war")) {
                continue;
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
                if (jar.getEntry("BOOT-INF/classes/" + resource) != null || jar.getEntry("WEB-INF/classes/" + resource) != null) {
                    return true;
                }
            } catch (java.io.IOException | RuntimeException unreadable) {
                // not a jar we can read: it can't tell
            }
        }
        return false;
    }
}

package org.rcrt.localbus.agent;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Map;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.dispatch.Dispatcher;
import org.rcrt.localbus.agent.dispatch.LoggingDiagnostics;
import org.rcrt.localbus.agent.event.EventFactory;
import org.rcrt.localbus.agent.event.OncePerKey;
import org.rcrt.localbus.agent.interception.ClientInterception;
import org.rcrt.localbus.agent.jmx.BusMBean;
import org.rcrt.localbus.agent.logging.StderrServiceProvider;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.agent.sink.SinkInterception;
import org.rcrt.localbus.agent.sink.Sinks;
import org.rcrt.localbus.bootstrap.InterceptionHook;
import org.rcrt.localbus.bootstrap.SinkHook;
import org.rcrt.localbus.internal.InProcessBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the agent inside its isolated class loader: reads the configuration, wires the hook to the dispatcher
 * and the dispatcher to the bus, and installs the interception. Whatever fails here is logged once as ERROR and
 * the application runs on without the agent.
 */
public final class Installer {
    private Installer() {}

    public static void install(Instrumentation inst, Map<String, String> agentArgs, boolean attached) {
        AgentConfig config = AgentConfig.fromEnvironment(agentArgs);
        StderrServiceProvider.setLevel(config.logLevel());
        Logger log = LoggerFactory.getLogger("org.rcrt.localbus");
        try {
            boolean enabled = config.enabled();
            List<String> methods = config.methods();
            AgentConfig.Dispatch dispatch = config.dispatch();
            int queueCapacity = config.queueCapacity();
            AgentConfig.DedupeWindowSpec window = config.dedupeWindow();
            long drainNanos = config.shutdownDrain().toNanos();
            ClientInterception interception = new ClientInterception(methods, config.include(), config.exclude());
            List<AgentConfig.SinkSpec> sinks = config.sinks();
            Selector sinkSelector = config.sinkSelector();
            String sinkOwner = config.sinkOwner();
            boolean dedupe = config.dedupe();
            boolean jmx = config.jmx();
            config.problems().forEach(log::warn);
            if (!enabled) {
                return;
            }

            InProcessBus bus = InProcessBus.INSTANCE;
            bus.configure(dispatch == AgentConfig.Dispatch.SYNC, queueCapacity, drainNanos,
                    window.maxEntries(), window.maxAge().toNanos());
            bus.diagnostics(new LoggingDiagnostics(log));
            OncePerKey problems = new OncePerKey(log);
            bus.registerCounter("agent.inputProblems", problems::occurrences);
            bus.registerCounter("agent.transformedClasses", interception::transformedClasses);
            bus.registerCounter("agent.transformFailures", interception::failures);
            Dispatcher dispatcher = new Dispatcher(new EventFactory(problems), bus);
            InterceptionHook.install(dispatcher);
            interception.install(inst, attached);
            if (!sinks.isEmpty()) {
                installSinks(inst, sinks, (sinkSelector == null ? Selector.all() : sinkSelector).withOwner(sinkOwner),
                        dedupe, bus, problems, log);
            }

            if (jmx) {
                BusMBean.registerSoon(bus);
            }
            log.info("rcrt-localbus {} started: methods={}, dispatch={}{}{}", version(), String.join(",", methods),
                    dispatch.name().toLowerCase(), sinks.isEmpty() ? "" : ", sinks=" + sinks + (dedupe ? " (dedupe)" : ""),
                    attached ? ", attached to a running JVM" : "");
        } catch (Throwable t) {
            InterceptionHook.install(null);
            log.error("agent not installed, the application runs without it: {}", t.toString());
        }
    }

    private static void installSinks(Instrumentation inst, List<AgentConfig.SinkSpec> sinks, Selector selector,
                                     boolean dedupe, InProcessBus bus, OncePerKey problems, Logger log) {
        for (AgentConfig.SinkSpec spec : sinks) {
            String resource = spec.className().replace('.', '/') + ".class";
            if (ClassLoader.getSystemClassLoader().getResource(resource) == null) {
                log.warn("sink class {} is not on the application class path; if another class loader loads it later, "
                        + "its instances are still picked up", spec.className());
            }
        }
        SinkHook.install(new Sinks(sinks, selector, dedupe, bus, problems, log));
        SinkInterception.install(inst, sinks);
    }

    private static String version() {
        try (var in = Installer.class.getResourceAsStream("version.properties")) {
            var p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}

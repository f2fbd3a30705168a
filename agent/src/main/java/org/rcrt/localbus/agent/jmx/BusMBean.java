package org.rcrt.localbus.agent.jmx;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.agent.AgentVersion;
import org.rcrt.localbus.agent.logging.RecentProblems;
import org.rcrt.localbus.bootstrap.RegistrationRequest;
import org.rcrt.localbus.internal.InProcessBus;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * Exposes {@link InProcessBus#stats()} as an MXBean, registered as soon as the JVM's platform MBean server exists.
 * The agent never creates that server itself: doing so costs a quarter of a second of CPU, which an application
 * that never uses JMX should not pay, and creating it early can pre-empt an application server that installs its
 * own MBean server builder. Whoever creates it in the JVM's first minute — the application, a JMX console
 * attaching, the management agent — finds the bus's MBean there within a second. After that minute it looks once
 * in ten minutes, so that an idle agent does not wake the host every second; the {@code status} command does not
 * wait for that: it asks for the registration at once through a {@link RegistrationRequest}.
 */
public final class BusMBean implements LocalEventBusMXBean {
    public static final String NAME = "org.rcrt.localbus:type=LocalEventBus";
    private static final AgentLog LOG = AgentLog.get();
    private static final long FIRST_MINUTE_NANOS = 60_000_000_000L;
    private static final long FIRST_MINUTE_PAUSE_NANOS = 1_000_000_000L;
    private static final long LATER_PAUSE_NANOS = 600_000_000_000L;

    private final InProcessBus bus;
    private final Map<String, String> configuration;

    private BusMBean(InProcessBus bus, Map<String, String> configuration) {
        this.bus = bus;
        this.configuration = Map.copyOf(configuration);
    }

    /** @param configuration each key with its value in force and its source, as {@code AgentConfig.settings()} */
    public static void registerSoon(InProcessBus bus, Map<String, String> configuration) {
        if (ModuleLayer.boot().findModule("java.management").isEmpty()) {
            LOG.warn("the JMX MBean {} could not be registered: this runtime has no java.management module", NAME);
            return;
        }
        Thread t = new Thread(new Registration(bus, configuration), "rcrt-localbus-jmx");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Waits for the platform MBean server to exist, then registers the MBean once. */
    private static final class Registration implements Runnable {
        private final InProcessBus bus;
        private final Map<String, String> configuration;

        Registration(InProcessBus bus, Map<String, String> configuration) {
            this.bus = bus;
            this.configuration = configuration;
        }

        @Override
        public void run() {
            try {
                RegistrationRequest.onRequest(new WakeUp(Thread.currentThread()));
                long started = System.nanoTime();
                // The pause comes first: a process that ends within its first second never loads javax.management.
                do {
                    boolean firstMinute = System.nanoTime() - started < FIRST_MINUTE_NANOS;
                    LockSupport.parkNanos(this, firstMinute ? FIRST_MINUTE_PAUSE_NANOS : LATER_PAUSE_NANOS);
                    if (Thread.interrupted()) {
                        return;
                    }
                } while (MBeanServerFactory.findMBeanServer(null).isEmpty());
                ObjectName name = new ObjectName(NAME);
                var server = ManagementFactory.getPlatformMBeanServer();
                if (!server.isRegistered(name)) {
                    server.registerMBean(new BusMBean(bus, configuration), name);
                }
            } catch (Throwable t) {
                LOG.warn("the JMX MBean {} could not be registered: {}", NAME, t.toString());
            } finally {
                RegistrationRequest.onRequest(null);
            }
        }
    }

    /** A {@link RegistrationRequest}'s effect: the registration thread looks at once. */
    private static final class WakeUp implements Runnable {
        private final Thread registration;

        WakeUp(Thread registration) {
            this.registration = registration;
        }

        @Override
        public void run() {
            LockSupport.unpark(registration);
        }
    }

    @Override
    public String getVersion() {
        return AgentVersion.get();
    }

    @Override
    public Map<String, String> getConfiguration() {
        return configuration;
    }

    @Override
    public List<String> getLastProblems() {
        return RecentProblems.lines();
    }

    private BusStats stats() {
        return bus.stats();
    }

    @Override
    public long getPublished() {
        return stats().published();
    }

    @Override
    public long getDelivered() {
        return stats().delivered();
    }

    @Override
    public long getDropped() {
        return stats().dropped();
    }

    @Override
    public long getListenerErrors() {
        return stats().listenerErrors();
    }

    @Override
    public long getDuplicatesSkipped() {
        return stats().duplicatesSkipped();
    }

    @Override
    public int getQueuedEvents() {
        return bus.queuedEvents();
    }

    @Override
    public List<String> getSubscriptions() {
        return stats().subscriptions().stream()
                .map(s -> s.name() + " " + s.selector() + " queue=" + s.queueDepth() + "/" + s.queueCapacity()
                        + " delivered=" + s.delivered() + " dropped=" + s.dropped() + " errors=" + s.listenerErrors()
                        + " duplicates=" + s.duplicatesSkipped())
                .collect(Collectors.toList());
    }

    @Override
    public Map<String, Long> getCounters() {
        return stats().counters();
    }
}

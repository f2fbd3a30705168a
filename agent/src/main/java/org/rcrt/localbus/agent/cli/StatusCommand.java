package org.rcrt.localbus.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.JMException;
import javax.management.JMRuntimeException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.jmx.BusMBean;
import org.rcrt.localbus.agent.jmx.LocalEventBusMXBean;

/**
 * {@code status <pid> [--watch]}: attaches to a running JVM (the JDK's Attach API), starts its local management
 * agent, which listens on a local connector only (no network port), and prints what the agent's MBean knows.
 * When the attach has only just created the JVM's MBean server, the agent has not registered its MBean yet: the
 * command asks it to, at once, by creating a {@code RegistrationRequest} there (a class on the bootstrap class path,
 * which only the agent puts there), and gives it a few seconds before the answer is "no agent".
 */
final class StatusCommand {
    private static final long MBEAN_WAIT_MILLIS = 3_000;
    /** Names only: the class is the target JVM's bootstrap class, never loaded here. */
    private static final String REGISTRATION_REQUEST_CLASS = "org.rcrt.localbus.bootstrap.RegistrationRequest";
    private static final String REGISTRATION_REQUEST = "org.rcrt.localbus:type=RegistrationRequest";
    private static final long WATCH_MILLIS = 1_000;

    private StatusCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        String pid = null;
        boolean watch = false;
        for (String arg : args) {
            if (arg.equals("--watch")) {
                watch = true;
            } else if (pid == null && arg.matches("\\d+")) {
                pid = arg;
            } else {
                err.println("rcrt-localbus: status <pid> [--watch]; unexpected argument '" + arg + "'");
                return 2;
            }
        }
        if (pid == null) {
            err.println("rcrt-localbus: status <pid> [--watch]: which JVM? (jps lists them)");
            return 2;
        }
        String address;
        try {
            address = localConnectorAddress(pid);
        } catch (Exception e) {
            out.println("JVM " + pid + ": cannot attach (" + e.getMessage() + ")");
            return 1;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(BusMBean.NAME);
            if (!connection.isRegistered(name)) {
                requestRegistration(connection);
            }
            if (!awaitRegistered(connection, name)) {
                out.println("JVM " + pid + " has no rcrt-localbus agent (no MBean " + BusMBean.NAME
                        + "; an agent started with rcrt.localbus.jmx=false has none either)");
                return 1;
            }
            LocalEventBusMXBean bus = JMX.newMXBeanProxy(connection, name, LocalEventBusMXBean.class);
            boolean terminal = System.console() != null;
            do {
                String report = report(pid, bus);
                if (watch && terminal) {
                    out.print("\033[H\033[2J"); // clear the screen, so each refresh replaces the last
                }
                out.print(report);
                out.flush();
                if (watch) {
                    Thread.sleep(WATCH_MILLIS);
                    if (!terminal) {
                        out.println();
                    }
                }
            } while (watch);
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            out.println("JVM " + pid + ": " + (watch ? "gone (" + e.getClass().getSimpleName() + ")" : "cannot read its agent: " + e));
            return 1;
        }
    }

    private static String localConnectorAddress(String pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    /** See {@code org.rcrt.localbus.bootstrap.RegistrationRequest}: creating one wakes the agent's registration. */
    private static void requestRegistration(MBeanServerConnection connection) throws IOException {
        try {
            ObjectName request = new ObjectName(REGISTRATION_REQUEST);
            connection.createMBean(REGISTRATION_REQUEST_CLASS, request);
            connection.unregisterMBean(request);
        } catch (JMException | JMRuntimeException noAgentOrAnotherRequest) {
            // Without the agent the class is not there; a concurrent request is registered already: both just wait.
        }
    }

    private static boolean awaitRegistered(MBeanServerConnection connection, ObjectName name)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MBEAN_WAIT_MILLIS * 1_000_000;
        while (!connection.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    static String report(String pid, LocalEventBusMXBean bus) {
        StringBuilder b = new StringBuilder();
        b.append("rcrt-localbus-agent ").append(bus.getVersion()).append(" in JVM ").append(pid).append('\n');

        b.append("\nconfiguration\n");
        Map<String, String> config = new LinkedHashMap<>(bus.getConfiguration());
        for (AgentConfig.Key key : AgentConfig.Key.values()) {
            String value = config.remove(key.property());
            if (value != null) {
                row(b, key.property(), value);
            }
        }
        config.forEach((k, v) -> row(b, k, v));

        Map<String, Long> counters = new LinkedHashMap<>(new java.util.TreeMap<>(bus.getCounters()));
        b.append("\ninterception\n");
        row(b, "classes instrumented", counters.remove("agent.transformedClasses"));
        row(b, "instrumentation failures", counters.remove("agent.transformFailures"));
        row(b, "intercepted calls", counters.remove("agent.intercepted"));
        row(b, "calls without an event", counters.remove("agent.notConverted"));

        b.append("\nevents\n");
        row(b, "published", bus.getPublished());
        row(b, "delivered", bus.getDelivered());
        row(b, "dropped", bus.getDropped());
        row(b, "duplicates skipped", bus.getDuplicatesSkipped());
        row(b, "listener errors", bus.getListenerErrors());
        row(b, "queued now", bus.getQueuedEvents());

        List<String> subscriptions = bus.getSubscriptions();
        b.append("\nsubscriptions and sinks (").append(subscriptions.size()).append(")\n");
        subscriptions.forEach(s -> b.append("  ").append(s).append('\n'));

        if (!counters.isEmpty()) {
            b.append("\nother counters\n");
            counters.forEach((k, v) -> row(b, k, v));
        }

        List<String> problems = bus.getLastProblems();
        b.append("\nlast problems (").append(problems.size()).append(")\n");
        problems.forEach(p -> b.append("  ").append(p).append('\n'));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, Object value) {
        b.append("  ").append(String.format("%-32s", name)).append(' ').append(value == null ? "n/a" : value).append('\n');
    }
}

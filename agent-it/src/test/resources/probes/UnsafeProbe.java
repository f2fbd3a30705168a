import com.example.hardening.MemoryClient;
import com.example.support.ChildApp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Application code that tries to reach the JDK's internal Unsafe, with the agent present. Compiled by the test
 * with --add-exports (so that the direct call exists in the class file); run without any flag.
 */
public final class UnsafeProbe {
    public static void main(String[] args) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
        String id = new MemoryClient().createBreadcrumb(Map.of("title", "probe", "context", Map.of(), "tags", List.of()));
        ChildApp.print("AGENT_DELIVERS", ChildApp.await(() -> received.contains(id), 10_000));

        try {
            Object unsafe = jdk.internal.misc.Unsafe.getUnsafe();
            ChildApp.print("DIRECT", "reached " + unsafe.getClass().getName());
        } catch (IllegalAccessError expected) {
            ChildApp.print("DIRECT", "IllegalAccessError");
        }
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        try {
            unsafeType.getMethod("getUnsafe").invoke(null);
            ChildApp.print("REFLECTIVE", "reached");
        } catch (IllegalAccessException expected) {
            ChildApp.print("REFLECTIVE", "IllegalAccessException");
        }
        try {
            MethodHandles.lookup().findStatic(unsafeType, "getUnsafe", MethodType.methodType(unsafeType));
            ChildApp.print("LOOKUP", "reached");
        } catch (IllegalAccessException expected) {
            ChildApp.print("LOOKUP", "IllegalAccessException");
        }
        Module javaBase = Object.class.getModule();
        ChildApp.print("EXPORTED_TO_APP", javaBase.isExported("jdk.internal.misc", UnsafeProbe.class.getModule()));

        // The agent's own class loader is reachable by anyone through its MBean: it must hold no access either.
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("org.rcrt.localbus:type=LocalEventBus");
        ChildApp.await(() -> server.isRegistered(name), 10_000);
        ClassLoader agentLoader = server.getClassLoaderFor(name);
        ChildApp.print("AGENT_LOADER", agentLoader.getName());
        ChildApp.print("EXPORTED_TO_AGENT_LOADER", javaBase.isExported("jdk.internal.misc", agentLoader.getUnnamedModule()));
        ChildApp.print("DONE", true);
    }
}

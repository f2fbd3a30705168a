package com.example.hardening;

import com.example.support.ChildApp;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * One bus across class loaders, and no loader kept alive by the agent. Args: testClassesDir apiJar [appFirst].
 * By default the client inside the child loader makes the process's very first intercepted call (the harder case:
 * whatever the agent starts lazily is started from the child's code).
 */
public final class ClassLoaderApp {
    public static void main(String[] args) throws Exception {
        Path classes = Paths.get(args[0]);
        Path api = Paths.get(args[1]);
        boolean appFirst = args.length > 2 && args[2].equals("appFirst");
        List<String> appReceived = new CopyOnWriteArrayList<>();
        Subscription appSub = LocalEventBus.subscribe(Selector.all(), e -> appReceived.add(e.breadcrumbId()),
                SubscribeOptions.defaults().withName("app-loader"));
        MemoryClient appClient = new MemoryClient();
        if (appFirst) {
            String appId0 = appClient.createBreadcrumb(Bodies.simple("app first"));
            // Delivered before the child subscribes: the child's count below is of the two later events only.
            ChildApp.print("APP_FIRST_ID_SEEN", ChildApp.await(() -> appReceived.contains(appId0), 10_000));
        }

        WeakReference<ClassLoader> loaderRef = runChild(classes, api, appClient, appReceived);
        boolean collected = false;
        for (int i = 0; i < 100 && !collected; i++) {
            System.gc();
            ChildApp.sleep(100);
            collected = loaderRef.get() == null;
        }
        ChildApp.print("LOADER_COLLECTED", collected);
        if (!collected && Boolean.getBoolean("dumpOnLeak")) {
            Object hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                    Class.forName("com.sun.management.HotSpotDiagnosticMXBean").asSubclass(java.lang.management.PlatformManagedObject.class));
            hotspot.getClass().getMethod("dumpHeap", String.class, boolean.class).invoke(hotspot, System.getProperty("dumpOnLeakFile"), true);
        }
        appSub.close();
        ChildApp.print("DONE", true);
    }

    private static WeakReference<ClassLoader> runChild(Path classes, Path api, MemoryClient appClient,
                                                       List<String> appReceived) throws Exception {
        ChildFirstClassLoader child = new ChildFirstClassLoader("child-first",
                new URL[] {classes.toUri().toURL(), api.toUri().toURL()}, ClassLoaderApp.class.getClassLoader());
        Class<?> side = Class.forName("com.example.hardening.ChildSide", true, child);
        ChildApp.print("CHILD_SIDE_LOADER", side.getClassLoader().getName());
        ChildApp.print("CHILD_BUS_LOADER", call(side, "busLoader"));
        ChildApp.print("CHILD_CLIENT_LOADER", call(side, "clientLoader"));
        ChildApp.print("APP_BUS_LOADER", String.valueOf(LocalEventBus.class.getClassLoader()));
        ChildApp.print("CHILD_SHARED", call(side, "isShared"));
        ChildApp.print("APP_SHARED", LocalEventBus.isShared());
        call(side, "subscribe");

        // child client -> both subscribers
        String childId = (String) call(side, "create", "from the child loader");
        // app client -> both subscribers
        String appId = appClient.createBreadcrumb(Bodies.simple("from the app loader"));
        boolean appGotChild = ChildApp.await(() -> appReceived.contains(childId), 10_000);
        boolean childGotApp = ChildApp.await(() -> ((List<?>) call(side, "received")).contains(appId), 10_000);
        boolean childGotChild = ChildApp.await(() -> ((List<?>) call(side, "received")).contains(childId), 10_000);
        ChildApp.print("APP_SUB_GOT_CHILD_EVENT", appGotChild);
        ChildApp.print("CHILD_SUB_GOT_APP_EVENT", childGotApp);
        ChildApp.print("CHILD_SUB_GOT_CHILD_EVENT", childGotChild);
        ChildApp.print("APP_RECEIVED", appReceived.size());
        ChildApp.print("CHILD_RECEIVED", ((List<?>) call(side, "received")).size());

        call(side, "close");
        child.close();
        return new WeakReference<>(child);
    }

    private static Object call(Class<?> side, String method, Object... args) {
        try {
            for (Method m : side.getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                    return m.invoke(null, args);
                }
            }
            throw new NoSuchMethodException(method);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

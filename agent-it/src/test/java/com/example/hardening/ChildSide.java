package com.example.hardening;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;
import org.rcrt.localbus.Subscription;

/**
 * The part of the class-loader test that runs inside the child-first loader, with that loader's own copy of the
 * api and of the client. The main side calls its static methods reflectively and gets JDK types back.
 */
public final class ChildSide {
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    private static Subscription subscription;

    private ChildSide() {}

    public static void subscribe() {
        subscription = LocalEventBus.subscribe(Selector.all(), e -> RECEIVED.add(e.breadcrumbId()),
                SubscribeOptions.defaults().withName("child-loader"));
    }

    public static List<String> received() {
        return List.copyOf(RECEIVED);
    }

    public static boolean isShared() {
        return LocalEventBus.isShared();
    }

    public static String busLoader() {
        return String.valueOf(LocalEventBus.class.getClassLoader());
    }

    public static String clientLoader() {
        return String.valueOf(MemoryClient.class.getClassLoader());
    }

    public static String create(String title) {
        return new MemoryClient("mem://child").createBreadcrumb(Bodies.simple(title));
    }

    public static void close() {
        subscription.close();
        subscription = null;
        RECEIVED.clear();
    }
}

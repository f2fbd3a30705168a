package com.example.hardening;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rcrt.localbus.BreadcrumbEvent;

/**
 * An EventBridge-style sink, as an RCRT runner has one behind its SSE reader: {@code handleEvent(eventJson, breadcrumb)}.
 * It records which thread ran its body for which breadcrumb; the first call blocks until {@link #releaseFirst()}.
 */
public class Bridge {
    static final CountDownLatch FIRST_ENTERED = new CountDownLatch(1);
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final AtomicBoolean FIRST = new AtomicBoolean(true);
    static volatile boolean blockFirst = true;

    final Map<String, List<String>> runs = new ConcurrentHashMap<>();

    public void handleEvent(String eventJson, Map<String, Object> breadcrumb) {
        String id = BreadcrumbEvent.fromJson(eventJson).breadcrumbId();
        runs.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(Thread.currentThread().getName());
        if (blockFirst && FIRST.compareAndSet(true, false)) {
            FIRST_ENTERED.countDown();
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void releaseFirst() {
        RELEASE.countDown();
    }
}

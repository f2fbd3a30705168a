package com.example.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * The application the integration tests start in a JVM of its own, with the agent. It subscribes to the local bus
 * first, then makes RCRT calls through every shape of client, and reports on stdout, one fact a line:
 *
 * <pre>
 * CALL label ok id | CALL label failed exception | CALL label cancelled true
 * EVENT json                  (from the listener, the SSE payload form)
 * EVENT_THREAD id version thread-name
 * CALLER_THREAD name, SHARED bool, BUS_LOADER loader, HOOK_ON_BOOT bool, THREADS names, STATS ..., DONE
 * </pre>
 *
 * Arguments: {@code baseUrl runId mode expectEvents}; mode {@code all} uses every client shape, {@code basic} only
 * the plain client. Before it reports the end it makes one last call, the barrier, and (when events are expected)
 * waits for its event: events are delivered in call order, so after it every earlier event has been printed too.
 */
public final class ClientMain {
    private static final Set<String> RECEIVED = ConcurrentHashMap.newKeySet();

    private ClientMain() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String run = args[1];
        String mode = args[2];
        boolean expectEvents = Boolean.parseBoolean(args[3]);

        LocalEventBus.subscribe(Selector.all(), event -> {
            System.out.println("EVENT " + event.toJson());
            System.out.println("EVENT_THREAD " + event.breadcrumbId() + " " + event.version() + " "
                    + Thread.currentThread().getName());
            synchronized (RECEIVED) {
                RECEIVED.add(event.breadcrumbId());
                RECEIVED.notifyAll();
            }
        });
        System.out.println("CALLER_THREAD " + Thread.currentThread().getName());

        Map<String, String> headers = Map.of("X-Run", run);
        PlainClient plain = new PlainClient(baseUrl, headers);
        String first = call("plain-1", () -> plain.createBreadcrumb(body("plain-1")));
        call("plain-2", () -> plain.createBreadcrumb(body("plain-2")));
        call("plain-500", () -> new PlainClient(baseUrl, with(headers, "X-Mode", "fail"))
                .createBreadcrumb(body("plain-500")));
        call("plain-409", () -> new PlainClient(baseUrl, with(headers, "Idempotency-Key", "dup"))
                .createBreadcrumb(body("plain-409")));
        if (first != null) {
            call("update", () -> {
                plain.updateBreadcrumb(first, patch("update"), 3);
                return first;
            });
        }

        if (mode.equals("all")) {
            AsyncClient async = new AsyncClient(baseUrl, headers);
            call("async-ok", () -> async.createBreadcrumb(body("async-ok")).get(30, TimeUnit.SECONDS));
            call("async-500", () -> new AsyncClient(baseUrl, with(headers, "X-Mode", "fail"))
                    .createBreadcrumb(body("async-500")).get(30, TimeUnit.SECONDS));
            AsyncClient slow = new AsyncClient(baseUrl, with(headers, "X-Mode", "slow"));
            CompletableFuture<String> cancelled = slow.createBreadcrumb(body("async-cancelled"));
            System.out.println("CALL async-cancelled cancelled " + cancelled.cancel(true));
            async.settle();
            slow.settle();

            call("proxy-public", () -> HttpInvocationHandler.proxy(BreadcrumbApi.class, baseUrl, headers)
                    .createBreadcrumb(body("proxy-public")));
            call("proxy-500", () -> HttpInvocationHandler.proxy(BreadcrumbApi.class, baseUrl, with(headers, "X-Mode", "fail"))
                    .createBreadcrumb(body("proxy-500")));
            call("proxy-package", () -> HttpInvocationHandler.proxy(InternalBreadcrumbApi.class, baseUrl, headers)
                    .createBreadcrumb(body("proxy-package")));
            call("overriding", () -> new OverridingClient(baseUrl, headers).createBreadcrumb(body("overriding")));
            call("inheriting", () -> new InheritingClient(baseUrl, headers).createBreadcrumb(body("inheriting")));
            call("wrapper", () -> new WrapperClient(plain).createBreadcrumb(body("wrapper")));
            call("wrapper-500", () -> new WrapperClient(new PlainClient(baseUrl, with(headers, "X-Mode", "fail")))
                    .createBreadcrumb(body("wrapper-500")));
            call("fallback-500", () -> new FallbackClient(new PlainClient(baseUrl, with(headers, "X-Mode", "fail")))
                    .createBreadcrumb(body("fallback-500")));
            call("default-method", () -> new DefaultMethodClientImpl(baseUrl, headers).createBreadcrumb(body("default-method")));
            call("static", () -> StaticClient.createBreadcrumb(baseUrl, headers, body("static")));
        }

        String barrier = call("barrier", () -> plain.createBreadcrumb(body("barrier")));
        if (expectEvents && barrier != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (RECEIVED) {
                while (!RECEIVED.contains(barrier) && System.nanoTime() < deadline) {
                    RECEIVED.wait(100);
                }
            }
            System.out.println("BARRIER " + (RECEIVED.contains(barrier) ? "reached" : "timed-out"));
        }

        System.out.println("SHARED " + LocalEventBus.isShared());
        System.out.println("BUS_LOADER " + LocalEventBus.class.getClassLoader());
        System.out.println("HOOK_ON_BOOT " + onBootstrapPath("org.rcrt.localbus.bootstrap.InterceptionHook"));
        List<String> agentThreads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("rcrt-localbus")) {
                agentThreads.add(t.getName());
            }
        }
        System.out.println("THREADS " + String.join(",", agentThreads));
        BusStats stats = LocalEventBus.stats();
        System.out.println("STATS published=" + stats.published() + " delivered=" + stats.delivered()
                + " listenerErrors=" + stats.listenerErrors() + " counters=" + new java.util.TreeMap<>(stats.counters()));
        System.out.println("DONE");
        System.out.flush();
        System.exit(0);
    }

    private static boolean onBootstrapPath(String className) {
        try {
            Class.forName(className, false, null);
            return true;
        } catch (ClassNotFoundException expected) {
            return false;
        }
    }

    /** Runs one client call and reports it; the id, or null when it failed. */
    private static String call(String label, Callable<String> call) {
        try {
            String id = call.call();
            System.out.println("CALL " + label + " ok " + id);
            return id;
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.out.println("CALL " + label + " failed " + cause.getClass().getName() + ": " + cause.getMessage());
            return null;
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    /** A create body as RCRT takes it; every field names the call it belongs to. */
    public static Map<String, Object> body(String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "title of " + label);
        body.put("context", context(label));
        body.put("tags", List.of("it", label));
        body.put("schema_name", "it.call.v1");
        return body;
    }

    public static Map<String, Object> patch(String label) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("context", context(label));
        patch.put("tags", List.of("it", label));
        return patch;
    }

    private static Map<String, Object> context(String label) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("label", label);
        context.put("n", 1);
        context.put("nested", Map.of("k", "v"));
        return context;
    }
}

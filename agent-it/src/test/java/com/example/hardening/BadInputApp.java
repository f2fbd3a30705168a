package com.example.hardening;

import com.example.support.ChildApp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * Feeds the agent bad input, each kind {@code REPEAT} times, and counts the calls that returned normally.
 * Args: repeat [secret]. The secret, if given, is put into every body.
 */
public final class BadInputApp {
    public static void main(String[] args) throws Exception {
        int repeat = Integer.parseInt(args[0]);
        String secret = args.length > 1 ? args[1] : "no-secret";
        AtomicLong events = new AtomicLong();
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        LocalEventBus.subscribe(Selector.all(), e -> {
            ids.add(e.breadcrumbId());
            events.incrementAndGet();
        }, SubscribeOptions.defaults().withName("counter"));
        Map<String, Long> returned = new LinkedHashMap<>();
        Map<String, String> thrown = new LinkedHashMap<>();

        BadClients.JsonTextClient json = new BadClients.JsonTextClient();
        BadClients.BigBodyClient big = new BadClients.BigBodyClient();
        BadClients.DeepClient deep = new BadClients.DeepClient();
        BadClients.HugeListClient huge = new BadClients.HugeListClient();
        BadClients.CyclicClient cyclic = new BadClients.CyclicClient();
        BadClients.NullBodyClient nulls = new BadClients.NullBodyClient();
        BadClients.NotJsonReturnClient notJson = new BadClients.NotJsonReturnClient();
        BadClients.IntegerReturnClient integer = new BadClients.IntegerReturnClient();
        BadClients.NullReturnClient nullReturn = new BadClients.NullReturnClient();
        BadClients.ThrowingGetterClient getter = new BadClients.ThrowingGetterClient();

        String malformed = "{\"title\": \"malformed\", \"context\": {\"password\": \"" + secret + "\", ";
        StringBuilder deepJson = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            deepJson.append("{\"a\":");
        }
        deepJson.append("1");
        for (int i = 0; i < 10_000; i++) {
            deepJson.append('}');
        }
        String deepJsonText = deepJson.toString();
        StringBuilder blob = new StringBuilder(10 * 1024 * 1024 + 100);
        blob.append("{\"title\":\"big\",\"context\":{\"password\":\"").append(secret).append("\",\"blob\":\"");
        while (blob.length() < 10 * 1024 * 1024) {
            blob.append("0123456789abcdef");
        }
        blob.append("\"},\"tags\":[\"big\"]}");
        String bigText = blob.toString();
        Map<String, Object> deepMap = new HashMap<>();
        Map<String, Object> cursor = deepMap;
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> child = new HashMap<>();
            cursor.put("a", child);
            cursor = child;
        }
        cursor.put("password", secret);
        Map<String, Object> deepBody = new LinkedHashMap<>();
        deepBody.put("title", "deep");
        deepBody.put("context", deepMap);
        List<Object> millionList = new ArrayList<>(Collections.nCopies(1_000_000, (Object) "x"));
        millionList.set(0, secret);
        Map<String, Object> hugeContext = new LinkedHashMap<>();
        hugeContext.put("items", millionList);
        Map<String, Object> hugeBody = new LinkedHashMap<>();
        hugeBody.put("title", "huge");
        hugeBody.put("context", hugeContext);
        BadClients.CyclicNode a = new BadClients.CyclicNode("cycle " + secret);
        BadClients.CyclicNode b = new BadClients.CyclicNode("cycle b");
        a.setNext(b);
        b.setNext(a);
        Map<String, Object> selfContext = new HashMap<>();
        selfContext.put("password", secret);
        selfContext.put("self", selfContext);
        Map<String, Object> selfBody = new LinkedHashMap<>();
        selfBody.put("title", "self");
        selfBody.put("context", selfContext);
        Map<String, Object> secretBody = Bodies.simple("secret body");
        secretBody.put("context", Map.of("password", secret, "sensitivity", "secret"));
        BadClients.ThrowingBody throwingBody = new BadClients.ThrowingBody(secret);

        Map<String, Runnable> kinds = new LinkedHashMap<>();
        kinds.put("malformed-json", () -> json.createBreadcrumb(malformed));
        kinds.put("deep-json", () -> json.createBreadcrumb(deepJsonText));
        kinds.put("big-10mb", () -> check(big.createBreadcrumb(bigText)));
        kinds.put("deep-map", () -> deep.createBreadcrumb(deepBody));
        kinds.put("million-list", () -> huge.createBreadcrumb(hugeBody));
        kinds.put("cyclic-bean", () -> cyclic.createBreadcrumb(a));
        kinds.put("cyclic-map", () -> deep.createBreadcrumb(selfBody));
        kinds.put("null-body", () -> nulls.createBreadcrumb(null));
        kinds.put("null-update", () -> nulls.updateBreadcrumb(null, null));
        kinds.put("not-json-return", () -> notJson.createBreadcrumb(secretBody));
        kinds.put("integer-return", () -> integer.createBreadcrumb(secretBody));
        kinds.put("null-return", () -> nullReturn.createBreadcrumb(secretBody));
        kinds.put("throwing-getter", () -> getter.createBreadcrumb(throwingBody));

        long calls = 0;
        for (Map.Entry<String, Runnable> kind : kinds.entrySet()) {
            long ok = 0;
            for (int i = 0; i < repeat; i++) {
                calls++;
                try {
                    kind.getValue().run();
                    ok++;
                } catch (Throwable t) {
                    thrown.putIfAbsent(kind.getKey(), t.getClass().getName());
                }
            }
            returned.put(kind.getKey(), ok);
        }
        // A last good call: dispatch is in call order, so once its event is in, every bad call has been looked at.
        MemoryClient good = new MemoryClient();
        String sentinel = good.createBreadcrumb(Bodies.simple("sentinel"));
        calls++;
        // dispatch and delivery keep call order: once the sentinel's event is in, every earlier call has been handled
        boolean dispatched = ChildApp.await(() -> ids.contains(sentinel), 60_000);
        ChildApp.print("DISPATCHED", dispatched);
        ChildApp.print("PUBLISHED", LocalEventBus.stats().published());
        for (Map.Entry<String, Long> e : returned.entrySet()) {
            ChildApp.print("RETURNED " + e.getKey(), e.getValue());
        }
        ChildApp.print("THROWN", thrown);
        ChildApp.print("KINDS", kinds.size());
        ChildApp.print("CALLS", calls);
        ChildApp.print("INTERCEPTED", ChildApp.counter("agent.intercepted"));
        ChildApp.print("INPUT_PROBLEMS", ChildApp.counter("agent.inputProblems"));
        ChildApp.print("EVENTS", events.get());
        ChildApp.print("SENTINEL_RETURNED", sentinel != null);
        ChildApp.print("DONE", true);
    }

    private static void check(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalStateException("the 10 MB call did not return its value");
        }
    }
}

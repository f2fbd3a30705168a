package com.example.sinks;

import com.example.support.ChildApp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.rcrt.localbus.LocalEventBus;

/**
 * Run with {@code -Drcrt.localbus.sink=com.example.sinks.EventBridge#handleEvent,com.example.sinks.DelegatingBridge#handleEvent}.
 * One EventBridge gets local events from the agent and, from this main acting as the app's SSE reader, the SSE
 * copies of the same breadcrumbs: after the local delivery, before it (the bridge's subscription is busy with a
 * blocked event), during it (the SSE reader is not held: it returns at once), during it with the local call then
 * throwing (the agent runs the SSE copy itself), after a local failure, with older and newer versions, replays,
 * pings and payloads without id. Prints each body run in order, with the breadcrumbs named by label.
 */
public final class ExactlyOnceApp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> LABELS = new LinkedHashMap<>();
    private static final Map<String, Map<String, Object>> BODIES = new LinkedHashMap<>();
    private static final long WAIT = 30_000;

    private static EventBridge bridge;
    private static String sub;
    private static long localEvents;

    public static void main(String[] args) throws Exception {
        bridge = new EventBridge();
        DelegatingBridge delegating = new DelegatingBridge();
        TenantClient client = new TenantClient(null);
        sub = Child.sinkName(EventBridge.class, "handleEvent", bridge);
        ChildApp.print("SUBSCRIBED", Child.sub(sub) != null);

        // AFTER: the local delivery first, then the SSE copy and two replays of it
        String after = create(client, "after");
        awaitLocal();
        sse(after, 1);
        sse(after, 1);
        sse(after, 1);

        // BEFORE: the bridge's local lane is busy with a blocked event; "before" waits in its queue while the SSE
        // copy (and two replays) arrive first
        CountDownLatch blockerEntered = new CountDownLatch(1);
        CountDownLatch releaseBlocker = new CountDownLatch(1);
        bridge.handler = (title, local) -> {
            if ("blocker".equals(title) && local) {
                blockerEntered.countDown();
                releaseBlocker.await();
            }
        };
        String blocker = create(client, "blocker");
        Child.require("blocker entered", () -> blockerEntered.getCount() == 0, WAIT);
        String before = create(client, "before");
        Child.require("'before' queued behind the blocked event", () -> Child.sub(sub).queueDepth() >= 1, WAIT);
        sse(before, 1);
        sse(before, 1);
        sse(before, 1);
        ChildApp.print("BEFORE_SSE_RAN_WHILE_QUEUED", Child.sub(sub).queueDepth() >= 1);
        releaseBlocker.countDown();
        awaitLocal();
        sse(blocker, 1);

        // DURING: the SSE copy arrives (on another thread) while the local call is inside handleEvent
        during(client, "during", false);
        // DURING, and the local call then throws: the SSE copy put aside runs after all
        during(client, "during-throw", true);
        String duringThrow = LABELS.entrySet().stream().filter(e -> e.getValue().equals("during-throw"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Child.require("the kept SSE copy of during-throw ran", () -> bridge.handled.stream().anyMatch(h -> h.contains(duringThrow)), WAIT);
        ChildApp.print("COPIES_REDELIVERED", ChildApp.counter("sink.copiesRedelivered"));

        // A local call that throws; the SSE copy arriving later runs, a replay of it doesn't
        bridge.handler = (title, local) -> {
            if ("throws".equals(title) && local) {
                throw new IllegalStateException("the application's handler failed");
            }
        };
        String throwsId = create(client, "throws");
        awaitLocal();
        sse(throwsId, 1);
        sse(throwsId, 1);

        // Versions: v1 locally, v3 from elsewhere via SSE, then a local update to v2 (older: skipped), late SSE
        // copies of v2 and v1 (skipped), then v4 (runs)
        bridge.handler = (title, local) -> { };
        String versions = create(client, "versions");
        awaitLocal();
        sse(versions, 3);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("title", "versions");
        client.updateBreadcrumb(versions, 1, patch);
        localEvents++;
        awaitLocal();
        sse(versions, 2);
        sse(versions, 1);
        sse(versions, 4);

        // Untouched: pings, payloads without an id, updates of unknown version
        bridge.handleEvent("{\"type\":\"ping\"}", null);
        bridge.handleEvent("{\"type\":\"ping\"}", null);
        bridge.handleEvent("{\"type\":\"breadcrumb.updated\",\"version\":1,\"schema_name\":\"x.v1\"}", null);
        bridge.handleEvent("{\"type\":\"breadcrumb.updated\",\"version\":1,\"schema_name\":\"x.v1\"}", null);
        String unknownVersion = UUID.randomUUID().toString();
        LABELS.put(unknownVersion, "unknown-version");
        BODIES.put(unknownVersion, Child.body("x.v1", "unknown-version", Map.of(), List.of()));
        sse(unknownVersion, 0);
        sse(unknownVersion, 0);

        List<String> runs = bridge.runs;
        ChildApp.print("RUNS", runs.size());
        for (int i = 0; i < runs.size(); i++) {
            ChildApp.print("RUN " + i, label(runs.get(i)));
        }
        List<String> handled = bridge.handled;
        ChildApp.print("HANDLED", handled.size());
        for (int i = 0; i < handled.size(); i++) {
            ChildApp.print("HANDLED " + i, label(handled.get(i)));
        }
        ChildApp.print("SSE_COPIES_SKIPPED", ChildApp.counter("sink.sseCopiesSkipped"));
        ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        ChildApp.print("SUB_LISTENER_ERRORS", Child.sub(sub).listenerErrors());

        // An SSE reader entering through an overload that delegates to the sink method
        String delegatingSub = Child.sinkName(DelegatingBridge.class, "handleEvent", delegating);
        Child.require("delegating bridge got the local events", () -> Child.settled(delegatingSub, localEvents), WAIT);
        int localRuns = delegating.runs.size();
        String remote = UUID.randomUUID().toString(); // created on another machine: arrives through SSE only
        LABELS.put(remote, "remote");
        BODIES.put(remote, Child.body("x.v1", "remote", Map.of(), List.of()));
        long started = System.nanoTime();
        delegating.handleEvent(sseJson(remote, 1));            // first SSE copy: must run
        ChildApp.print("DELEGATING_FIRST_CALL_MS", (System.nanoTime() - started) / 1_000_000); // diagnostics only
        delegating.handleEvent(sseJson(remote, 1));            // replay: must not
        delegating.handleEvent(sseJson(after, 1));             // a local breadcrumb's copy: must not
        List<String> delegatingRuns = delegating.runs.subList(localRuns, delegating.runs.size());
        ChildApp.print("DELEGATING_LOCAL_RUNS", localRuns);
        ChildApp.print("DELEGATING_SSE_RUNS", delegatingRuns.stream().map(ExactlyOnceApp::label).toList());
        ChildApp.print("DONE", true);
    }

    /** A local create; the bridge's subscription will have one more event to settle. */
    private static String create(TenantClient client, String title) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("step", title);
        Map<String, Object> body = Child.body("bridge.test.v1", title, context, List.of("bridge"));
        String id = client.createBreadcrumb(body);
        LABELS.put(id, title);
        BODIES.put(id, body);
        localEvents++;
        return id;
    }

    private static void awaitLocal() {
        long n = localEvents;
        Child.require("local lane settled at " + n, () -> Child.settled(sub, n), WAIT);
    }

    private static void during(TenantClient client, String title, boolean thenThrow) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean localReturned = new AtomicBoolean();
        AtomicBoolean firstCall = new AtomicBoolean(true);
        bridge.handler = (t, local) -> {
            if (title.equals(t) && local && firstCall.getAndSet(false)) { // the local call only, not a copy run later
                entered.countDown();
                release.await();
                localReturned.set(true);
                if (thenThrow) {
                    throw new IllegalStateException("the application's handler failed");
                }
            }
        };
        String id = create(client, title);
        Child.require(title + ": local call entered", () -> entered.getCount() == 0, WAIT);
        AtomicReference<Boolean> returnedAfterLocal = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                sse(id, 1);
                returnedAfterLocal.set(localReturned.get());
            } catch (Throwable t) {
                failed.set(t);
            }
        }, "sse-reader");
        reader.start();
        // the local call is held until the reader has returned: a reader that waited for it would never return
        reader.join(WAIT);
        ChildApp.print(key(title) + "_SSE_RETURNED_WHILE_LOCAL_INSIDE", !reader.isAlive() && Boolean.FALSE.equals(returnedAfterLocal.get()));
        ChildApp.print(key(title) + "_SSE_RUNS_WHILE_LOCAL_INSIDE", bridge.runs.stream().filter(r -> r.contains(id) && r.endsWith(" sse")).count());
        release.countDown();
        ChildApp.print(key(title) + "_SSE_FAILED", failed.get());
        awaitLocal();
    }

    private static String key(String title) {
        return title.toUpperCase().replace('-', '_');
    }

    /** The SSE reader's call: the SSE payload and the full record, as the app gets them from the server. */
    private static void sse(String id, long version) throws Exception {
        Map<String, Object> full = new LinkedHashMap<>(BODIES.get(id));
        full.put("id", id);
        full.put("version", version);
        bridge.handleEvent(sseJson(id, version), full);
    }

    @SuppressWarnings("unchecked")
    private static String sseJson(String id, long version) throws Exception {
        Map<String, Object> body = BODIES.get(id);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "breadcrumb.updated");
        payload.put("breadcrumb_id", id);
        payload.put("owner_id", null);
        payload.put("version", version);
        payload.put("tags", body.get("tags"));
        payload.put("schema_name", body.get("schema_name"));
        payload.put("updated_at", Instant.now().toString());
        payload.put("context", body.get("context"));
        return MAPPER.writeValueAsString(payload);
    }

    private static String label(String run) {
        String out = run;
        for (Map.Entry<String, String> e : LABELS.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private ExactlyOnceApp() {}
}

package org.rcrt.localbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.BusStats;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.Subscription;

@Timeout(60)
class BusBridgeTest {
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private AutoCloseable subscribe(String selectorJson, Consumer<Map<String, Object>> listener, Map<String, Object> options) {
        AutoCloseable handle = BusBridge.subscribe(selectorJson, listener, options);
        opened.add(handle);
        return handle;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private static BreadcrumbEvent event(String schema, String id, long version) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("request_id", "r-" + id);
        ctx.put("n", 42);
        ctx.put("nested", Map.of("list", List.of(1, "two", 3.5)));
        return BreadcrumbEvent.builder()
                .breadcrumbId(id)
                .ownerId("owner-bridge")
                .version(version)
                .tags(List.of("bridge", "t2"))
                .schemaName(schema)
                .updatedAt("2025-03-04T05:06:07Z")
                .context(ctx)
                .breadcrumb(Map.of("id", id, "title", "bridged", "version", version))
                .origin(new BreadcrumbEvent.Origin("client-x", "owner-bridge", "agent-y"))
                .build();
    }

    @Test
    void subscribeWithSelectorJsonDeliversMapsThatRebuildEqualEvents() throws Exception {
        String schema = unique("bridge");
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        String name = unique("bridge-sub");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dedupe", false);
        options.put("queueCapacity", 0);
        options.put("name", name);
        AutoCloseable handle = subscribe(
                "{\"schema_name\":\"" + schema + "\",\"all_tags\":[\"bridge\"],"
                        + "\"context_match\":[{\"path\":\"$.n\",\"op\":\"eq\",\"value\":42}]}",
                received::add, options);

        assertThat(BusBridge.describe(handle)).containsExactly(name, true);

        BreadcrumbEvent first = event(schema, "br-1", 1);
        BreadcrumbEvent second = event(schema, "br-2", 3);
        LocalEventBus.publish(first);
        LocalEventBus.publish(BreadcrumbEvent.builder().breadcrumbId("br-skip").schemaName(schema).build());
        BusBridge.publish(second.toMap()); // the bridged copy's publish lane
        await("two maps", () -> received.size() >= 2);

        assertThat(received).hasSize(2);
        assertThat(BreadcrumbEvent.fromMap(received.get(0))).isEqualTo(first);
        assertThat(BreadcrumbEvent.fromMap(received.get(1))).isEqualTo(second);
        // only JDK types cross the bridge
        assertThat(received.get(0).get("origin")).isInstanceOf(Map.class);
        assertThat(received.get(0).get("breadcrumb")).isInstanceOf(Map.class);
        assertThat(received.get(0).get("context")).isInstanceOf(Map.class);
        assertThat(BusBridge.seen("br-2", 3)).isTrue();
        assertThat(BusBridge.seen("br-2", 4)).isFalse();
    }

    @Test
    void closingTheHandleUnsubscribes() throws Exception {
        String schema = unique("bridge-close");
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> witness = new CopyOnWriteArrayList<>();
        String name = unique("bridge-close-sub");
        AutoCloseable handle = subscribe("{\"schema_name\":\"" + schema + "\"}", received::add, Map.of("name", name));
        subscribe("{\"schema_name\":\"" + schema + "\"}", witness::add, Map.of());

        LocalEventBus.publish(event(schema, "bc-1", 1));
        await("first", () -> received.size() == 1);

        handle.close();
        assertThat(BusBridge.describe(handle)).containsExactly(name, false);
        assertThat(handle).isInstanceOf(Subscription.class);
        assertThat(((Subscription) handle).isActive()).isFalse();
        handle.close(); // harmless

        LocalEventBus.publish(event(schema, "bc-2", 1));
        await("witness got both", () -> witness.size() == 2);
        Thread.sleep(50);
        assertThat(received).hasSize(1);
        assertThat(LocalEventBus.stats().subscriptions()).noneMatch(s -> s.name().equals(name));
    }

    @Test
    void optionsCrossTheBridge() throws Exception {
        String schema = unique("bridge-opts");
        String name = unique("bridge-opts-sub");
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("dedupe", true);
        options.put("queueCapacity", 7);
        options.put("name", name);
        subscribe("{\"schema_name\":\"" + schema + "\"}", received::add, options);

        BusStats.SubscriptionStats st = LocalEventBus.stats().subscriptions().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        assertThat(st.queueCapacity()).isEqualTo(7);

        LocalEventBus.publish(event(schema, "dup", 1));
        LocalEventBus.publish(event(schema, "dup", 1));
        LocalEventBus.publish(event(schema, "last", 1));
        await("two distinct events", () -> received.size() >= 2);
        await("dup counted", () -> LocalEventBus.stats().subscriptions().stream()
                .filter(s -> s.name().equals(name)).anyMatch(s -> s.duplicatesSkipped() == 1));
        assertThat(received).extracting(m -> m.get("breadcrumb_id")).containsExactly("dup", "last");
    }

    @Test
    void badSelectorJsonIsRefused() {
        assertThatThrownBy(() -> BusBridge.subscribe("{\"nope\":1}", m -> { }, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void statsMapRoundTrips() throws Exception {
        String schema = unique("bridge-stats");
        String name = unique("bridge-stats-sub");
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        subscribe("{\"schema_name\":\"" + schema + "\"}", received::add, Map.of("name", name));
        LocalEventBus.publish(event(schema, "s-1", 1));
        await("delivered", () -> LocalEventBus.stats().subscriptions().stream()
                .filter(s -> s.name().equals(name)).anyMatch(s -> s.delivered() == 1));

        // a snapshot with every kind of figure, including agent counters
        BusStats snapshot = new BusStats(10, 9, 8, 7, 6,
                List.of(new BusStats.SubscriptionStats("a", "{}", 3, 100, 5, 4, 2, 1),
                        new BusStats.SubscriptionStats("b", "{\"schema_name\":\"x\"}", 0, 10_000, 0, 0, 0, 0)),
                Map.of("intercepted", 12L, "conversionFailures", 0L));
        assertThat(BusBridge.statsFromMap(BusBridge.statsToMap(snapshot))).isEqualTo(snapshot);

        Map<String, Object> live = BusBridge.stats();
        assertThat(live).containsKeys("published", "delivered", "dropped", "listenerErrors", "duplicatesSkipped",
                "subscriptions", "counters");
        BusStats fromMap = BusBridge.statsFromMap(live);
        assertThat(BusBridge.statsToMap(fromMap).keySet()).containsExactlyElementsOf(live.keySet());
        assertThat(fromMap.published()).isEqualTo(live.get("published"));
        assertThat(fromMap.subscriptions()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.delivered()).isEqualTo(1);
            assertThat(s.selector()).isEqualTo("{\"schema_name\":\"" + schema + "\"}");
        });
        BusStats direct = InProcessBus.INSTANCE.stats();
        assertThat(BusBridge.statsFromMap(BusBridge.statsToMap(direct))).isEqualTo(direct);
    }

    @Test
    void emptyStatsRoundTrip() {
        BusStats empty = new BusStats(0, 0, 0, 0, 0, List.of(), Map.of());
        assertThat(BusBridge.statsFromMap(BusBridge.statsToMap(empty))).isEqualTo(empty);
    }

    @Test
    void selectorFromJsonAndFluentSubscribeAgree() throws Exception {
        String schema = unique("bridge-eq");
        Selector fluent = Selector.builder().schemaName(schema).anyTags("bridge").build();
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        String name = unique("bridge-eq-sub");
        subscribe(fluent.toJson(), received::add, Map.of("name", name));
        assertThat(LocalEventBus.stats().subscriptions()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.selector()).isEqualTo(fluent.toJson());
        });
    }
}

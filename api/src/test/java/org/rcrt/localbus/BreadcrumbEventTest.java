package org.rcrt.localbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.internal.Json;

class BreadcrumbEventTest {

    private static Map<String, Object> sampleContext() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", 3);
        nested.put("list", new ArrayList<>(List.of("a", 1.5, true)));
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("request_id", "req-1");
        ctx.put("nested", nested);
        ctx.put("empty", null);
        return ctx;
    }

    private static BreadcrumbEvent sample() {
        return BreadcrumbEvent.builder()
                .breadcrumbId("11111111-2222-3333-4444-555555555555")
                .ownerId("owner-1")
                .version(4)
                .tags(List.of("tools", "agent:x"))
                .schemaName("tool.request.v1")
                .updatedAt("2025-06-01T12:00:00.123Z")
                .context(sampleContext())
                .build();
    }

    @Test
    void builderDefaults() {
        BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("id-1").build();
        assertThat(e.type()).isEqualTo(BreadcrumbEvent.UPDATED).isEqualTo("breadcrumb.updated");
        assertThat(e.version()).isEqualTo(1L);
        assertThat(e.tags()).isEmpty();
        assertThat(e.context()).isEmpty();
        assertThat(e.ownerId()).isNull();
        assertThat(e.schemaName()).isNull();
        assertThat(e.origin()).isEqualTo(BreadcrumbEvent.Origin.UNKNOWN);
        assertThat(e.updatedAt()).isNotBlank();
        // the default time is an RFC 3339 instant
        assertThat(Instant.parse(e.updatedAt())).isNotNull();
    }

    @Test
    void missingBreadcrumbIdIsRefused() {
        assertThatThrownBy(() -> BreadcrumbEvent.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breadcrumb_id");
        assertThatThrownBy(() -> BreadcrumbEvent.builder().breadcrumbId("").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BreadcrumbEvent.fromMap(Map.of("type", "breadcrumb.updated", "version", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breadcrumb_id");
        assertThatThrownBy(() -> BreadcrumbEvent.fromMap(Map.of("breadcrumb_id", 42)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breadcrumb_id");
        assertThatThrownBy(() -> BreadcrumbEvent.fromJson("{\"type\":\"breadcrumb.updated\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breadcrumb_id");
    }

    @Test
    void badFieldTypesAreRefused() {
        assertThatThrownBy(() -> BreadcrumbEvent.fromMap(Map.of("breadcrumb_id", "x", "version", "two")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> BreadcrumbEvent.fromJson("[1,2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> BreadcrumbEvent.fromJson("{not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toJsonHasExactlyTheSsePayloadKeysInOrder() {
        String json = sample().toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) Json.parse(json);
        assertThat(parsed.keySet()).containsExactly(
                "type", "breadcrumb_id", "owner_id", "version", "tags", "schema_name", "updated_at", "context");
        assertThat(parsed.get("type")).isEqualTo("breadcrumb.updated");
        assertThat(parsed.get("breadcrumb_id")).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(parsed.get("owner_id")).isEqualTo("owner-1");
        assertThat(parsed.get("version")).isEqualTo(4L);
        assertThat(parsed.get("tags")).isEqualTo(List.of("tools", "agent:x"));
        assertThat(parsed.get("schema_name")).isEqualTo("tool.request.v1");
        assertThat(parsed.get("updated_at")).isEqualTo("2025-06-01T12:00:00.123Z");
        assertThat(parsed.get("context")).isEqualTo(Json.freeze(sampleContext()));
        assertThat(json).startsWith("{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":");

        // the same keys even when optional fields are unknown
        @SuppressWarnings("unchecked")
        Map<String, Object> minimal = (Map<String, Object>) Json.parse(
                BreadcrumbEvent.builder().breadcrumbId("m").build().toJson());
        assertThat(minimal.keySet()).containsExactly(
                "type", "breadcrumb_id", "owner_id", "version", "tags", "schema_name", "updated_at", "context");
        assertThat(sample().payload().keySet()).containsExactlyElementsOf(parsed.keySet());
    }

    @Test
    void fromJsonOfToJsonPreservesFields() {
        BreadcrumbEvent original = sample();
        BreadcrumbEvent copy = BreadcrumbEvent.fromJson(original.toJson());
        assertThat(copy.type()).isEqualTo(original.type());
        assertThat(copy.breadcrumbId()).isEqualTo(original.breadcrumbId());
        assertThat(copy.ownerId()).isEqualTo(original.ownerId());
        assertThat(copy.version()).isEqualTo(original.version());
        assertThat(copy.tags()).isEqualTo(original.tags());
        assertThat(copy.schemaName()).isEqualTo(original.schemaName());
        assertThat(copy.updatedAt()).isEqualTo(original.updatedAt());
        assertThat(copy.context()).isEqualTo(original.context());
        assertThat(copy.breadcrumb()).isEqualTo(original.breadcrumb());
        assertThat(copy).isEqualTo(original);
        assertThat(copy.hashCode()).isEqualTo(original.hashCode());
        assertThat(copy.toJson()).isEqualTo(original.toJson());
    }

    @Test
    void fromJsonReadsARealSsePayload() {
        String sse = "{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"b-9\",\"owner_id\":\"o-1\",\"version\":2,"
                + "\"tags\":[\"t\"],\"schema_name\":\"tool.response.v1\",\"updated_at\":\"2025-01-01T00:00:00Z\","
                + "\"context\":{\"request_id\":\"r\",\"ok\":true}}";
        BreadcrumbEvent e = BreadcrumbEvent.fromJson(sse);
        assertThat(e.breadcrumbId()).isEqualTo("b-9");
        assertThat(e.version()).isEqualTo(2);
        assertThat(e.tags()).containsExactly("t");
        assertThat(e.context()).containsEntry("request_id", "r").containsEntry("ok", true);
        assertThat(e.origin()).isEqualTo(BreadcrumbEvent.Origin.UNKNOWN);
        assertThat(e.toJson()).isEqualTo(sse);
    }

    @Test
    void toMapFromMapRoundTripIncludingBreadcrumbAndOrigin() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", "bc-7");
        record.put("title", "a title");
        record.put("context", Map.of("k", "v"));
        record.put("visibility", "team");
        record.put("version", 1);
        BreadcrumbEvent original = BreadcrumbEvent.builder()
                .breadcrumbId("bc-7")
                .ownerId("owner-2")
                .version(1)
                .tags(List.of("x"))
                .schemaName("note.v1")
                .updatedAt("2025-02-03T04:05:06Z")
                .context(Map.of("k", "v"))
                .breadcrumb(record)
                .origin(new BreadcrumbEvent.Origin("client-1", "owner-2", "agent-3"))
                .build();

        Map<String, Object> map = original.toMap();
        assertThat(map.keySet()).containsExactly("type", "breadcrumb_id", "owner_id", "version", "tags",
                "schema_name", "updated_at", "context", "breadcrumb", "complete", "origin");
        assertThat(map.get("origin")).isEqualTo(Map.of("client", "client-1", "owner_id", "owner-2", "agent_id", "agent-3"));

        BreadcrumbEvent copy = BreadcrumbEvent.fromMap(map);
        assertThat(copy).isEqualTo(original);
        assertThat(copy.breadcrumb()).isEqualTo(Json.freeze(record));
        assertThat(copy.breadcrumb()).containsEntry("title", "a title").containsEntry("version", 1L);
        assertThat(copy.origin()).isEqualTo(new BreadcrumbEvent.Origin("client-1", "owner-2", "agent-3"));
        assertThat(copy.toMap()).isEqualTo(map);

        // and through JSON text, as the map crosses class loaders or processes
        @SuppressWarnings("unchecked")
        Map<String, Object> viaJson = (Map<String, Object>) Json.parse(Json.write(map));
        assertThat(BreadcrumbEvent.fromMap(viaJson)).isEqualTo(original);
    }

    @Test
    void unknownOriginRoundTrips() {
        BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("u").build();
        BreadcrumbEvent copy = BreadcrumbEvent.fromMap(e.toMap());
        assertThat(copy.origin()).isEqualTo(BreadcrumbEvent.Origin.UNKNOWN);
        assertThat(copy).isEqualTo(e);
    }

    @Test
    void toStringNeverContainsContextValues() {
        String secret = "sk-live-SUPER-SECRET-0123456789";
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("title", "title " + secret);
        record.put("context", Map.of("api_key", secret));
        BreadcrumbEvent e = BreadcrumbEvent.builder()
                .breadcrumbId("bc-secret")
                .version(3)
                .schemaName("secrets.v1")
                .context(Map.of("api_key", secret, "nested", Map.of("token", secret), "list", List.of(secret)))
                .breadcrumb(record)
                .build();
        String s = e.toString();
        assertThat(s).doesNotContain(secret).doesNotContain("SUPER-SECRET").doesNotContain("api_key");
        assertThat(s).contains("bc-secret").contains("v3").contains("secrets.v1");
        assertThat(BreadcrumbEvent.builder().breadcrumbId("plain").context(Map.of("pw", secret)).build().toString())
                .doesNotContain(secret);
    }

    @Test
    void defaultBreadcrumbMergesEventFields() {
        BreadcrumbEvent e = sample();
        Map<String, Object> record = e.breadcrumb();
        assertThat(record).containsEntry("id", e.breadcrumbId())
                .containsEntry("owner_id", "owner-1")
                .containsEntry("context", e.context())
                .containsEntry("tags", List.of("tools", "agent:x"))
                .containsEntry("schema_name", "tool.request.v1")
                .containsEntry("version", 4L)
                .containsEntry("updated_at", "2025-06-01T12:00:00.123Z");
        assertThatThrownBy(() -> record.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);

        Map<String, Object> minimal = BreadcrumbEvent.builder().breadcrumbId("m").build().breadcrumb();
        assertThat(minimal).containsEntry("id", "m").containsEntry("version", 1L)
                .containsEntry("context", Map.of()).containsEntry("tags", List.of())
                .doesNotContainKey("schema_name").doesNotContainKey("owner_id");
    }

    @Test
    void explicitBreadcrumbWinsOverDefault() {
        BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("b").breadcrumb(Map.of("id", "b", "title", "t")).build();
        assertThat(e.breadcrumb()).isEqualTo(Map.of("id", "b", "title", "t"));
    }

    @Test
    void immutableEvenIfSourcesAreMutatedAfterwards() {
        Map<String, Object> ctx = sampleContext();
        List<String> tags = new ArrayList<>(List.of("a"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("title", "t");
        BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("imm").context(ctx).tags(tags).breadcrumb(record).build();
        Map<String, Object> before = Json.freezeMap(ctx);

        ctx.put("request_id", "changed");
        ctx.put("added", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) ctx.get("nested");
        nested.put("n", 99);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) nested.get("list");
        list.add("more");
        tags.add("b");
        record.put("title", "changed");

        assertThat(e.context()).isEqualTo(before);
        assertThat(e.context()).containsEntry("request_id", "req-1").doesNotContainKey("added");
        assertThat(e.tags()).containsExactly("a");
        assertThat(e.breadcrumb()).containsEntry("title", "t");

        assertThatThrownBy(() -> e.context().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.context().remove("request_id")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> frozenNested = (Map<String, Object>) e.context().get("nested");
        assertThatThrownBy(() -> frozenNested.put("n", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> frozenList = (List<Object>) frozenNested.get("list");
        assertThatThrownBy(() -> frozenList.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.breadcrumb().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void contextNumbersAreNormalisedToLong() {
        BreadcrumbEvent e = BreadcrumbEvent.builder().breadcrumbId("n").context(Map.of("i", 5, "s", (short) 2)).build();
        assertThat(e.context().get("i")).isEqualTo(5L);
        assertThat(e.context().get("s")).isEqualTo(2L);
    }

    @Test
    void equalityDependsOnContents() {
        BreadcrumbEvent a = sample();
        BreadcrumbEvent b = sample();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        BreadcrumbEvent other = BreadcrumbEvent.fromMap(withField(a.toMap(), "version", 5L));
        assertThat(other).isNotEqualTo(a);
    }

    private static Map<String, Object> withField(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    @Test
    void fromMapDefaultsTypeAndVersion() {
        BreadcrumbEvent e = BreadcrumbEvent.fromMap(Map.of("breadcrumb_id", "only-id"));
        assertThat(e.type()).isEqualTo(BreadcrumbEvent.UPDATED);
        assertThat(e.version()).isEqualTo(1L);
        assertThat(BreadcrumbEvent.fromMap(Map.of("breadcrumb_id", "x", "version", 7)).version()).isEqualTo(7L);
    }
}

package org.rcrt.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BreadcrumbApiTest {

    private static RcrtDevServer server;
    private ApiClient alice;

    @BeforeAll
    static void startServer() throws Exception {
        server = RcrtDevServer.start(DevServerConfig.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshOwner() throws Exception {
        alice = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter", "subscriber");
    }

    @Test
    void createAnswersOnlyTheIdAndFullShowsTheWholeRecord() throws Exception {
        ApiClient.Response created = alice.post("/breadcrumbs", Map.of(
                "title", "Ask", "context", Map.of("request_id", "r1", "n", 3), "tags", List.of("tool:req"),
                "schema_name", "tool.request.v1", "visibility", "private", "sensitivity", "pii",
                "ttl", "2030-01-01T00:00:00Z"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(fieldNames(created.body())).containsExactly("id");
        String id = created.body().get("id").asText();
        assertThat(UUID.fromString(id)).isNotNull();

        JsonNode full = alice.get("/breadcrumbs/" + id + "/full").body();
        assertThat(fieldNames(full)).containsExactlyInAnyOrder("id", "owner_id", "title", "context", "tags",
                "schema_name", "visibility", "sensitivity", "version", "checksum", "ttl", "created_at", "updated_at",
                "created_by", "updated_by", "size_bytes");
        assertThat(full.get("id").asText()).isEqualTo(id);
        assertThat(full.get("title").asText()).isEqualTo("Ask");
        assertThat(full.get("context").get("request_id").asText()).isEqualTo("r1");
        assertThat(full.get("tags").get(0).asText()).isEqualTo("tool:req");
        assertThat(full.get("schema_name").asText()).isEqualTo("tool.request.v1");
        assertThat(full.get("visibility").asText()).isEqualTo("private");
        assertThat(full.get("sensitivity").asText()).isEqualTo("pii");
        assertThat(full.get("version").asLong()).isEqualTo(1);
        assertThat(full.get("checksum").asText()).matches("[0-9a-f]{64}");
        assertThat(full.get("ttl").asText()).startsWith("2030-01-01T00:00:00");
        assertThat(full.get("size_bytes").asLong()).isPositive();
        assertThat(full.get("created_at").asText()).isEqualTo(full.get("updated_at").asText());
    }

    @Test
    void patchWithMatchingIfMatchBumpsTheVersionAndStaleOneIs412() throws Exception {
        String id = alice.create("s.v1", Map.of("a", 1), "x");
        String checksumBefore = alice.get("/breadcrumbs/" + id + "/full").body().get("checksum").asText();

        ApiClient.Response ok = alice.patch("/breadcrumbs/" + id, Map.of("context", Map.of("a", 2)), "If-Match", "\"1\"");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(ApiClient.JSON.readTree("{\"ok\":true}"));

        JsonNode full = alice.get("/breadcrumbs/" + id + "/full").body();
        assertThat(full.get("version").asLong()).isEqualTo(2);
        assertThat(full.get("context").get("a").asInt()).isEqualTo(2);
        assertThat(full.get("title").asText()).isEqualTo("t");
        assertThat(full.get("checksum").asText()).isNotEqualTo(checksumBefore);

        ApiClient.Response stale = alice.patch("/breadcrumbs/" + id, Map.of("title", "late"), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("error").asText()).contains("version");
        assertThat(alice.get("/breadcrumbs/" + id + "/full").body().get("title").asText()).isEqualTo("t");

        assertThat(alice.patch("/breadcrumbs/" + id, Map.of("tags", List.of("y"))).status()).isEqualTo(200);
        assertThat(alice.get("/breadcrumbs/" + id + "/full").body().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void repeatedIdempotencyKeyIs409ButOtherOwnersMayReuseIt() throws Exception {
        Map<String, Object> body = Map.of("title", "t", "context", Map.of(), "tags", List.of());
        assertThat(alice.post("/breadcrumbs", body, "Idempotency-Key", "k-1").status()).isEqualTo(200);
        assertThat(alice.post("/breadcrumbs", body, "Idempotency-Key", "k-1").status()).isEqualTo(409);

        ApiClient bob = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter");
        assertThat(bob.post("/breadcrumbs", body, "Idempotency-Key", "k-1").status()).isEqualTo(200);
    }

    @Test
    void missingOrMistypedFieldsAre400NamingTheField() throws Exception {
        assertError(alice.post("/breadcrumbs", Map.of("context", Map.of(), "tags", List.of())), 400, "title");
        assertError(alice.post("/breadcrumbs", Map.of("title", "t", "tags", List.of())), 400, "context");
        assertError(alice.post("/breadcrumbs", Map.of("title", "t", "context", Map.of())), 400, "tags");
        assertError(alice.post("/breadcrumbs", Map.of("title", "t", "context", List.of(), "tags", List.of())), 400, "context");
        assertError(alice.post("/breadcrumbs", Map.of("title", "t", "context", Map.of(), "tags", "x")), 400, "tags");
        assertError(alice.post("/breadcrumbs", Map.of("title", "t", "context", Map.of(), "tags", List.of(),
                "visibility", "everyone")), 400, "visibility");
        assertError(alice.send("POST", "/breadcrumbs", "{not json"), 400, "JSON");
    }

    @Test
    void ownersCannotSeeOrTouchEachOthersBreadcrumbs() throws Exception {
        String id = alice.create("s.v1", Map.of(), "x");
        ApiClient mallory = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter", "curator");

        assertThat(mallory.get("/breadcrumbs/" + id + "/full").status()).isEqualTo(404);
        assertThat(mallory.get("/breadcrumbs/" + id).status()).isEqualTo(404);
        assertThat(mallory.patch("/breadcrumbs/" + id, Map.of("title", "mine")).status()).isEqualTo(404);
        assertThat(mallory.delete("/breadcrumbs/" + id).status()).isEqualTo(404);
        assertThat(mallory.get("/breadcrumbs").body()).isEmpty();
        assertThat(alice.get("/breadcrumbs/" + id + "/full").body().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void listFiltersBySchemaAndTagAndDeleteRemoves() throws Exception {
        String a = alice.create("tool.request.v1", Map.of(), "red");
        String b = alice.create("tool.response.v1", Map.of(), "red", "blue");

        assertThat(ids(alice.get("/breadcrumbs").body())).containsExactlyInAnyOrder(a, b);
        assertThat(ids(alice.get("/breadcrumbs?schema_name=tool.request.v1").body())).containsExactly(a);
        assertThat(ids(alice.get("/breadcrumbs?tag=blue").body())).containsExactly(b);
        JsonNode item = alice.get("/breadcrumbs?tag=blue").body().get(0);
        assertThat(fieldNames(item)).containsExactlyInAnyOrder("id", "title", "tags", "version", "updated_at");

        JsonNode view = alice.get("/breadcrumbs/" + a).body();
        assertThat(fieldNames(view)).containsExactlyInAnyOrder("id", "title", "context", "tags", "version", "updated_at");

        assertThat(alice.delete("/breadcrumbs/" + a).body().get("ok").asBoolean()).isTrue();
        assertThat(alice.get("/breadcrumbs/" + a + "/full").status()).isEqualTo(404);
        assertThat(ids(alice.get("/breadcrumbs").body())).containsExactly(b);
    }

    @Test
    void unknownRoutesAre404WrongMethodsAre405AndBadIdsAre400() throws Exception {
        assertError(alice.get("/nowhere"), 404, "no such route");
        assertError(alice.send("PATCH", "/breadcrumbs/" + UUID.randomUUID() + "/full", "{}"), 405, "not allowed");
        assertError(alice.get("/breadcrumbs/not-a-uuid/full"), 400, "UUID");
        assertError(alice.get("/breadcrumbs/" + UUID.randomUUID() + "/full"), 404, "not found");
        assertThat(alice.get("/health").raw()).isEqualTo("ok");
    }

    private static void assertError(ApiClient.Response response, int status, String mentioning) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("error").asText()).contains(mentioning);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new java.util.ArrayList<>();
        list.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}

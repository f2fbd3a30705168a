package org.example.toolsrunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against a stub server that records what it was sent and answers with canned replies. */
class RcrtClientTest {
    private record Seen(String method, String path, String authorization, String ifMatch, JsonNode body) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private HttpServer server;
    private URI baseUri;

    @BeforeEach
    void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopStub() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("If-Match"),
                body.isEmpty() ? null : Json.MAPPER.readTree(body)));
        int status = 200;
        String reply;
        if (path.equals("/auth/token")) {
            reply = "{\"token\":\"jwt-123\"}";
        } else if (path.equals("/breadcrumbs")) {
            reply = "{\"id\":\"b-1\"}";
        } else if (path.equals("/breadcrumbs/b-1/full")) {
            reply = "{\"id\":\"b-1\",\"version\":2,\"context\":{\"k\":\"v\"}}";
        } else if (path.equals("/breadcrumbs/stale")) {
            status = 412;
            reply = "{\"error\":\"version mismatch\"}";
        } else if (path.startsWith("/breadcrumbs/")) {
            reply = "{\"ok\":true}";
        } else {
            status = 404;
            reply = "{\"error\":\"not found\"}";
        }
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void requestsATokenWithTheClaims() {
        UUID owner = UUID.randomUUID();
        UUID agent = UUID.randomUUID();

        assertThat(RcrtClient.requestToken(baseUri, owner, agent, List.of("emitter"))).isEqualTo("jwt-123");

        JsonNode body = seen.peek().body();
        assertThat(body.path("owner_id").asText()).isEqualTo(owner.toString());
        assertThat(body.path("agent_id").asText()).isEqualTo(agent.toString());
        assertThat(body.path("roles").get(0).asText()).isEqualTo("emitter");
    }

    @Test
    void createsWithTheBearerTokenAndSnakeCaseSchemaName() {
        RcrtClient client = new RcrtClient(baseUri, "jwt-123");

        CreatedBreadcrumb created = client.createBreadcrumb(
                new BreadcrumbDraft("t", Map.of("request_id", "r-1"), List.of("a"), "tool.request.v1"));

        assertThat(created.id()).isEqualTo("b-1");
        Seen request = seen.peek();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.authorization()).isEqualTo("Bearer jwt-123");
        assertThat(request.body().path("schema_name").asText()).isEqualTo("tool.request.v1");
        assertThat(request.body().path("context").path("request_id").asText()).isEqualTo("r-1");
        assertThat(request.body().has("schemaName")).isFalse();
    }

    @Test
    void aDraftWithoutSchemaSendsNoSchemaField() {
        new RcrtClient(baseUri, "t").createBreadcrumb(new BreadcrumbDraft("t", Map.of(), List.of(), null));
        assertThat(seen.peek().body().has("schema_name")).isFalse();
    }

    @Test
    void updatesWithAQuotedIfMatchVersion() {
        RcrtClient client = new RcrtClient(baseUri, "t");

        client.updateBreadcrumb("b-1", Map.of("title", "new"), 3);
        client.updateBreadcrumb("b-1", Map.of("title", "newer"), null);

        Seen first = seen.poll();
        assertThat(first.method()).isEqualTo("PATCH");
        assertThat(first.ifMatch()).isEqualTo("\"3\"");
        assertThat(first.body().path("title").asText()).isEqualTo("new");
        assertThat(seen.poll().ifMatch()).isNull();
    }

    @Test
    void readsTheFullBreadcrumb() {
        JsonNode full = new RcrtClient(baseUri, "t").getBreadcrumbFull("b-1");
        assertThat(full.path("version").asInt()).isEqualTo(2);
        assertThat(full.path("context").path("k").asText()).isEqualTo("v");
    }

    @Test
    void nonSuccessAnswersBecomeExceptionsWithTheStatus() {
        RcrtClient client = new RcrtClient(baseUri, "t");
        assertThatThrownBy(() -> client.updateBreadcrumb("stale", Map.of(), 1))
                .isInstanceOfSatisfying(RcrtApiException.class, e -> assertThat(e.status()).isEqualTo(412))
                .hasMessageContaining("412");
        assertThatThrownBy(() -> client.subscribeSelector(Map.of()))
                .isInstanceOfSatisfying(RcrtApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void noServerIsAnExceptionToo() {
        server.stop(0);
        assertThatThrownBy(() -> new RcrtClient(baseUri, "t").getBreadcrumbFull("b-1"))
                .isInstanceOfSatisfying(RcrtApiException.class, e -> assertThat(e.status()).isEqualTo(-1));
    }
}

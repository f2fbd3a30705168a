package org.rcrt.devserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A thin JSON client for one agent identity against a running dev server. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Response(int status, JsonNode body, String raw) {
    }

    private final URI base;
    private final String token;

    ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Asks the server for a token with these roles for a fresh or given owner/agent. */
    static ApiClient login(RcrtDevServer server, UUID owner, UUID agent, String... roles) throws Exception {
        Response answer = new ApiClient(server.baseUri(), null).post("/auth/token", Map.of(
                "owner_id", owner.toString(), "agent_id", agent.toString(), "roles", List.of(roles), "ttl_sec", 600));
        if (answer.status() != 200) {
            throw new IllegalStateException("token request failed: " + answer);
        }
        return new ApiClient(server.baseUri(), answer.body().get("token").asText());
    }

    String token() {
        return token;
    }

    URI base() {
        return base;
    }

    Response post(String path, Object body, String... headers) throws Exception {
        return send("POST", path, JSON.writeValueAsString(body), headers);
    }

    Response patch(String path, Object body, String... headers) throws Exception {
        return send("PATCH", path, JSON.writeValueAsString(body), headers);
    }

    Response get(String path) throws Exception {
        return send("GET", path, null);
    }

    Response delete(String path) throws Exception {
        return send("DELETE", path, null);
    }

    /** Creates a breadcrumb that must succeed and returns its id. */
    String create(String schemaName, Map<String, Object> context, String... tags) throws Exception {
        Response answer = post("/breadcrumbs", Map.of(
                "title", "t", "schema_name", schemaName, "context", context, "tags", List.of(tags)));
        if (answer.status() != 200) {
            throw new IllegalStateException("create failed: " + answer);
        }
        return answer.body().get("id").asText();
    }

    Response send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            json = JSON.readTree(response.body());
        }
        return new Response(response.statusCode(), json, response.body());
    }
}

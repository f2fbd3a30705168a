package com.example.truth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.rcrt.localbus.internal.Json;

/** A plain RCRT client over real HTTP, as a runner would write it with java.net.http. */
public class WireClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String token;

    public WireClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static String requestToken(String baseUrl, UUID owner) throws Exception {
        String body = Json.write(Map.of("owner_id", owner.toString(), "agent_id", UUID.randomUUID().toString(),
                "roles", List.of("emitter", "subscriber")));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return (String) ((Map<?, ?>) Json.parse(r.body())).get("token");
    }

    public Map<String, Object> createBreadcrumb(Map<String, Object> body) throws Exception {
        return send(request("/breadcrumbs").POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch, Integer ifMatch) throws Exception {
        HttpRequest.Builder b = request("/breadcrumbs/" + id).method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(patch)));
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        return send(b.build());
    }

    /** {@code GET /breadcrumbs/{id}/full}: the whole record as the server keeps it. */
    public Map<String, Object> fullBreadcrumb(String id) throws Exception {
        return send(request("/breadcrumbs/" + id + "/full").GET().build());
    }

    public Stream<String> eventStream() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/events/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> send(HttpRequest request) throws Exception {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered HTTP " + r.statusCode());
        }
        return (Map<String, Object>) Json.parse(r.body());
    }
}

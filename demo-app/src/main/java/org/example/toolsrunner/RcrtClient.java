package org.example.toolsrunner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A small RCRT HTTP client on java.net.http and Jackson. One instance per token; thread-safe.
 * Failures are unchecked {@link RcrtApiException}s carrying the HTTP status.
 */
public class RcrtClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final String token;

    public RcrtClient(URI baseUri, String token) {
        this.baseUrl = withoutTrailingSlash(baseUri.toString());
        this.token = token;
    }

    /** {@code POST /auth/token}: asks the server for a JWT with the given claims, as any client does. */
    public static String requestToken(URI baseUri, UUID ownerId, UUID agentId, List<String> roles) {
        Map<String, Object> body = Map.of(
                "owner_id", ownerId.toString(),
                "agent_id", agentId.toString(),
                "roles", roles,
                "ttl_sec", 3600);
        HttpRequest request = HttpRequest.newBuilder(URI.create(withoutTrailingSlash(baseUri.toString()) + "/auth/token"))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body)))
                .build();
        return send(request, "POST /auth/token").path("token").asText();
    }

    public URI baseUri() {
        return URI.create(baseUrl);
    }

    /** {@code POST /breadcrumbs}. The server answers with the id only. */
    public CreatedBreadcrumb createBreadcrumb(BreadcrumbDraft draft) {
        JsonNode answer = send(authorized("/breadcrumbs")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(draft)))
                .build(), "POST /breadcrumbs");
        return new CreatedBreadcrumb(answer.path("id").asText());
    }

    /** {@code PATCH /breadcrumbs/{id}}; with a version, the server refuses (412) if the breadcrumb moved on. */
    public void updateBreadcrumb(String id, Map<String, Object> patch, Integer ifMatchVersion) {
        HttpRequest.Builder request = authorized("/breadcrumbs/" + id)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(patch)));
        if (ifMatchVersion != null) {
            request.header("If-Match", "\"" + ifMatchVersion + "\"");
        }
        send(request.build(), "PATCH /breadcrumbs/" + id);
    }

    /** {@code GET /breadcrumbs/{id}/full}: the whole record, the view tools work from. */
    public JsonNode getBreadcrumbFull(String id) {
        return send(authorized("/breadcrumbs/" + id + "/full").GET().build(), "GET /breadcrumbs/" + id + "/full");
    }

    /** {@code POST /subscriptions/selectors}: routes matching events to this agent through its own channel too. */
    public JsonNode subscribeSelector(Map<String, Object> selector) {
        return send(authorized("/subscriptions/selectors")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(selector)))
                .build(), "POST /subscriptions/selectors");
    }

    /**
     * {@code GET /events/stream}: returns once the server has answered with its headers; the body is
     * the stream's lines, read lazily (and blocking) by the caller. Closing the stream ends the connection.
     */
    public HttpResponse<Stream<String>> openEventStream() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/events/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private static JsonNode send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RcrtApiException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RcrtApiException(what + " interrupted", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new RcrtApiException(status, what + " answered " + status + ": " + abbreviate(response.body()));
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RcrtApiException(what + " answered " + status + " with a body that is not JSON", e);
        }
    }

    private static String toJson(Object body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write request body as JSON", e);
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

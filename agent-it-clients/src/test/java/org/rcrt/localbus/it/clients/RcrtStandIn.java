package org.rcrt.localbus.it.clients;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.example.clients.Bodies;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * WireMock answering like RCRT for the calls the client applications make: a create gets a fresh random id (so an
 * event's id can only have come from the answer), a create titled {@link Bodies#FAILING_TITLE} gets a 500, a PATCH
 * with the current If-Match gets {@code {"ok":true}} and any other a 412.
 */
final class RcrtStandIn implements AutoCloseable {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** Headers whose value differs between two identical runs for reasons that are not the application's. */
    private static final List<String> VARYING_HEADERS = List.of("Host", "Connection", "Keep-Alive");

    /**
     * HTTP/1.1 only, as RCRT serves it: Jetty's cleartext HTTP/2 upgrade resets the streams of the JDK client under
     * Spring's RestClient, which would fail every call of that application with or without the agent.
     */
    private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .http2PlainDisabled(true));

    RcrtStandIn() {
        server.start();
        server.stubFor(post(urlEqualTo("/breadcrumbs")).atPriority(5)
                .willReturn(json(200, "{\"id\":\"{{randomValue type='UUID'}}\"}").withTransformers("response-template")));
        server.stubFor(post(urlEqualTo("/breadcrumbs")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.title", equalTo(Bodies.FAILING_TITLE)))
                .willReturn(json(500, "{\"error\":\"internal error\"}")));
        server.stubFor(patch(urlPathMatching("/breadcrumbs/[0-9a-f-]{36}")).atPriority(5)
                .willReturn(json(412, "{\"error\":\"version mismatch\"}")));
        server.stubFor(patch(urlPathMatching("/breadcrumbs/[0-9a-f-]{36}")).atPriority(1)
                .withHeader("If-Match", matching("\"?1\"?"))
                .willReturn(json(200, "{\"ok\":true}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** One request as the stand-in received it, ids replaced by {@code <id>} so two runs compare equal. */
    record Request(String method, String url, String headers, String body) {
        @Override
        public String toString() {
            return method + " " + url + " [" + headers + "] " + body;
        }
    }

    /** The requests received since the last call, oldest first, headers sorted. */
    List<Request> takeRequests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        server.resetRequests();
        Collections.reverse(events); // WireMock lists the newest first
        List<Request> out = new ArrayList<>();
        for (ServeEvent e : events) {
            var r = e.getRequest();
            String headers = r.getHeaders().all().stream()
                    .filter(h -> VARYING_HEADERS.stream().noneMatch(v -> v.equalsIgnoreCase(h.key())))
                    .map(HttpHeader::toString).sorted().collect(Collectors.joining(" | "));
            out.add(new Request(r.getMethod().getName(), withoutIds(r.getUrl()), withoutIds(headers),
                    withoutIds(r.getBodyAsString())));
        }
        return out;
    }

    static String withoutIds(String text) {
        return UUID.matcher(text).replaceAll("<id>");
    }

    @Override
    public void close() {
        server.stop();
    }
}

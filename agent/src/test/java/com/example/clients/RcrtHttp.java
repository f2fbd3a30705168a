package com.example.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP and JSON plumbing the test clients share. It deliberately declares none of the intercepted method
 * names, so it is never instrumented itself; the clients around it are.
 */
public final class RcrtHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private RcrtHttp() {}

    private static HttpRequest.Builder request(String baseUrl, String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.JWT);
        headers.forEach(b::header);
        return b;
    }

    /** POST /breadcrumbs; the id of a 2xx answer, else an exception naming the status. */
    public static String postForId(String baseUrl, Map<String, String> headers, Map<String, Object> body) {
        try {
            return idOf(HTTP.send(request(baseUrl, "/breadcrumbs", headers)
                    .POST(HttpRequest.BodyPublishers.ofString(json(body))).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static CompletableFuture<HttpResponse<String>> postAsync(String baseUrl, Map<String, String> headers,
                                                                    Map<String, Object> body) {
        return HTTP.sendAsync(request(baseUrl, "/breadcrumbs", headers)
                .POST(HttpRequest.BodyPublishers.ofString(json(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** PATCH /breadcrumbs/{id} with If-Match; the parsed {@code {"ok":true}}. */
    public static Map<String, Object> patch(String baseUrl, Map<String, String> headers, String id,
                                            Map<String, Object> patch, long ifMatch) {
        try {
            HttpResponse<String> r = HTTP.send(request(baseUrl, "/breadcrumbs/" + id, headers)
                    .header("If-Match", "\"" + ifMatch + "\"")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json(patch))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("PATCH answered HTTP " + r.statusCode());
            }
            return Map.of("ok", r.body().contains("true"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id of a 2xx create answer; throws for any other status, as a real client would. */
    public static String idOf(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /breadcrumbs answered HTTP " + response.statusCode());
        }
        Matcher m = ID.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return m.group(1);
    }

    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else {
            out.append('"');
            for (char c : v.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}

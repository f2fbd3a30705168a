package org.rcrt.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {

    private static final byte[] SECRET = "test-secret-test-secret-test-sec".getBytes();
    private static final Map<String, Object> CRUMB = Map.of("title", "t", "context", Map.of(), "tags", List.of());

    private static RcrtDevServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RcrtDevServer.start(DevServerConfig.defaults().withJwtSecret(SECRET));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void tokenEndpointAnswersTheIdentityAndASignedJwt() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        ApiClient.Response answer = new ApiClient(server.baseUri(), null).post("/auth/token",
                Map.of("owner_id", owner.toString(), "agent_id", agent.toString(), "roles", List.of("emitter"), "ttl_sec", 60));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("owner_id").asText()).isEqualTo(owner.toString());
        assertThat(answer.body().get("agent_id").asText()).isEqualTo(agent.toString());
        assertThat(answer.body().get("roles").get(0).asText()).isEqualTo("emitter");
        assertThat(answer.body().get("token").asText().split("\\.")).hasSize(3);
        Principal verified = new Hs256Jwt(SECRET).verify(answer.body().get("token").asText(), Instant.now());
        assertThat(verified).isEqualTo(new Principal(owner, agent, List.of("emitter")));

        assertThat(new ApiClient(server.baseUri(), null).post("/auth/token", Map.of("agent_id", agent.toString())).status())
                .isEqualTo(400);
    }

    @Test
    void callsWithoutAValidTokenAre401() throws Exception {
        ApiClient anonymous = new ApiClient(server.baseUri(), null);
        assertThat(anonymous.get("/breadcrumbs").status()).isEqualTo(401);
        assertThat(anonymous.get("/breadcrumbs").body().get("error").asText()).isNotBlank();
        assertThat(anonymous.post("/breadcrumbs", CRUMB).status()).isEqualTo(401);
        assertThat(anonymous.get("/events/stream").status()).isEqualTo(401);

        String good = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "emitter").token();
        String tampered = good.substring(0, good.length() - 2) + (good.endsWith("AA") ? "BB" : "AA");
        assertThat(new ApiClient(server.baseUri(), tampered).get("/breadcrumbs").status()).isEqualTo(401);

        Principal someone = new Principal(UUID.randomUUID(), UUID.randomUUID(), List.of("emitter"));
        String expired = new Hs256Jwt(SECRET).sign(someone, Instant.now().minusSeconds(120), Instant.now().minusSeconds(60));
        assertThat(new ApiClient(server.baseUri(), expired).get("/breadcrumbs").status()).isEqualTo(401);

        String otherKey = new Hs256Jwt("another-secret".getBytes()).sign(someone, Instant.now(), Instant.now().plusSeconds(60));
        assertThat(new ApiClient(server.baseUri(), otherKey).get("/breadcrumbs").status()).isEqualTo(401);
    }

    @Test
    void writingWithoutEmitterOrCuratorRoleIs403() throws Exception {
        UUID owner = UUID.randomUUID();
        ApiClient reader = ApiClient.login(server, owner, UUID.randomUUID(), "subscriber");
        ApiClient curator = ApiClient.login(server, owner, UUID.randomUUID(), "curator");

        assertThat(reader.post("/breadcrumbs", CRUMB).status()).isEqualTo(403);
        String id = curator.create("s", Map.of());
        assertThat(reader.patch("/breadcrumbs/" + id, Map.of("title", "x")).status()).isEqualTo(403);
        assertThat(reader.get("/breadcrumbs/" + id + "/full").status()).isEqualTo(200);
    }

    @Test
    void streamAcceptsTheTokenInTheQueryString() throws Exception {
        ApiClient client = ApiClient.login(server, UUID.randomUUID(), UUID.randomUUID(), "subscriber");
        for (String param : List.of("access_token", "token")) {
            URI uri = server.baseUri().resolve("/events/stream?" + param + "=" + client.token());
            try (SseClient sse = SseClient.open(HttpRequest.newBuilder(uri).build())) {
                assertThat(sse.ended()).isFalse();
            }
        }
    }

    @Test
    void authDisabledUsesDefaultIdentityUnlessAValidTokenIsSent() throws Exception {
        try (RcrtDevServer open = RcrtDevServer.start(DevServerConfig.defaults().withAuthDisabled(true))) {
            ApiClient anonymous = new ApiClient(open.baseUri(), null);
            String id = anonymous.create("s", Map.of());
            assertThat(anonymous.get("/breadcrumbs/" + id + "/full").body().get("owner_id").asText())
                    .isEqualTo("00000000-0000-0000-0000-0000000000aa");
            assertThat(anonymous.get("/breadcrumbs/" + id + "/full").body().get("created_by").asText())
                    .isEqualTo("00000000-0000-0000-0000-0000000000bb");

            UUID owner = UUID.randomUUID();
            ApiClient tenant = ApiClient.login(open, owner, UUID.randomUUID());
            String own = tenant.create("s", Map.of());
            assertThat(tenant.get("/breadcrumbs/" + own + "/full").body().get("owner_id").asText()).isEqualTo(owner.toString());
            assertThat(tenant.get("/breadcrumbs/" + id + "/full").status()).isEqualTo(404);
            try (SseClient sse = SseClient.connect(open.baseUri(), null)) {
                ServerFixture.await(() -> open.openStreams() == 1, Duration.ofSeconds(5), "anonymous stream");
            }
        }
    }
}

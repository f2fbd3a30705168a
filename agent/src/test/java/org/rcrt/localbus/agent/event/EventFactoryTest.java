package org.rcrt.localbus.agent.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.BreadcrumbEvent;

class EventFactoryTest {
    private final CapturingLogger log = new CapturingLogger();
    private final OncePerKey problems = new OncePerKey(log);
    private final EventFactory factory = new EventFactory(problems);

    // ---------------------------------------------------------------- helpers

    /** The method identity the advice passes: {@code #t.#m#d}. */
    static String origin(Class<?> type, String name, int argc) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == argc) {
                    return c.getName() + "." + name
                            + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
                }
            }
        }
        throw new AssertionError(type + " has no " + name + "/" + argc);
    }

    private BreadcrumbEvent create(Object client, Object returned, Object... args) {
        return factory.build(client, origin(client.getClass(), "createBreadcrumb", 1), args, returned,
                null, null, null, null);
    }

    private BreadcrumbEvent create(Object returned) {
        return create(new CreateClient(), returned, draftMap());
    }

    private BreadcrumbEvent update(Object client, Object... args) {
        return factory.build(client, origin(client.getClass(), "updateBreadcrumb", args.length), args,
                Map.of("ok", true), null, null, null, null);
    }

    private static Map<String, Object> draftMap() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "hello");
        body.put("context", Map.of("request_id", "r-1", "nested", Map.of("k", "v")));
        body.put("tags", List.of("tools", "x"));
        body.put("schema_name", "tool.request.v1");
        return body;
    }

    private static void assertDraftFields(BreadcrumbEvent e) {
        assertThat(e.type()).isEqualTo("breadcrumb.updated");
        assertThat(e.tags()).containsExactly("tools", "x");
        assertThat(e.schemaName()).isEqualTo("tool.request.v1");
        assertThat(e.context()).isEqualTo(Map.of("request_id", "r-1", "nested", Map.of("k", "v")));
        assertThat(e.breadcrumb()).containsEntry("title", "hello").containsEntry("schema_name", "tool.request.v1");
    }

    static String jwt(String payloadJson) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes())
                + "." + b64.encodeToString(payloadJson.getBytes()) + ".c2lnbmF0dXJl";
    }

    // ---------------------------------------------------------------- fixtures

    public static class CreateClient {
        public Object createBreadcrumb(Object body) {
            return null;
        }
    }

    public record Created(String id, long version) {}

    public static class IdBean {
        private final String id;

        public IdBean(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }
    }

    public record Draft(String title, Map<String, Object> context, List<String> tags,
                        @JsonProperty("schema_name") String schema) {}

    /** A POJO body: a renamed getter, a field-only property, an ignored getter. */
    public static class DraftBean {
        @JsonProperty("context")
        private final Map<String, Object> ctx = Map.of("request_id", "r-1", "nested", Map.of("k", "v"));
        @JsonProperty("schema_name")
        private final String schema = "tool.request.v1";

        public String getTitle() {
            return "hello";
        }

        public List<String> getTags() {
            return List.of("tools", "x");
        }

        public Map<String, Object> getCtx() {
            return ctx;
        }

        @JsonIgnore
        public String getSecret() {
            return "s3cr3t";
        }
    }

    public static class CyclicDraft {
        public String getTitle() {
            return "cyclic";
        }

        public List<String> getTags() {
            return List.of("c");
        }

        public CyclicDraft getSelf() {
            return this;
        }
    }

    public static class ThrowingDraft {
        public String getTitle() {
            return "boom";
        }

        public List<String> getTags() {
            return List.of("b");
        }

        public Map<String, Object> getContext() {
            throw new IllegalStateException("lazy loading failed");
        }
    }

    public static class UpdateWithIfMatch {
        public Map<String, Object> updateBreadcrumb(String id, Map<String, Object> patch, long ifMatch) {
            return null;
        }
    }

    public static class UpdateWithExpectedVersion {
        public void updateBreadcrumb(UUID breadcrumbId, Object patch, int expectedVersion) {}
    }

    public static class UpdateWithIfMatchHeader {
        public void updateBreadcrumb(String id, String patchJson, String ifMatch) {}
    }

    public static class UpdateWithoutVersion {
        public void updateBreadcrumb(String id, Map<String, Object> patch) {}
    }

    public static class UpdateWithOwnerFirst {
        public void updateBreadcrumb(String agentId, String breadcrumbId, Map<String, Object> patch, long ifMatch) {}
    }

    public static class UpdateWithoutId {
        public void updateBreadcrumb(Map<String, Object> patch) {}
    }

    public static class TokenClient {
        private final String baseUrl = "http://localhost:8081";
        private final String authorization;

        public TokenClient(String authorization) {
            this.authorization = authorization;
        }

        public Object createBreadcrumb(Object body) {
            return null;
        }
    }

    public static class ClientConfig {
        private final String header;

        ClientConfig(String header) {
            this.header = header;
        }
    }

    public static class NestedTokenClient {
        private final ClientConfig config;

        public NestedTokenClient(ClientConfig config) {
            this.config = config;
        }

        public Object createBreadcrumb(Object body) {
            return null;
        }
    }

    public interface Api {
        String createBreadcrumb(Map<String, Object> body);
    }

    static final class TokenHandler implements java.lang.reflect.InvocationHandler {
        private final String token;

        TokenHandler(String token) {
            this.token = token;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return null;
        }
    }

    // ---------------------------------------------------------------- create: the id

    @Test
    void createIdFromAString() {
        BreadcrumbEvent e = create("7f1c4a4e-0d7c-4d5e-9a55-3a1f2b3c4d5e");
        assertThat(e.breadcrumbId()).isEqualTo("7f1c4a4e-0d7c-4d5e-9a55-3a1f2b3c4d5e");
        assertThat(e.version()).isEqualTo(1);
        assertDraftFields(e);
        assertThat(problems.occurrences()).isZero();
    }

    @Test
    void createIdFromAUuid() {
        UUID id = UUID.randomUUID();
        assertThat(create(id).breadcrumbId()).isEqualTo(id.toString());
    }

    @Test
    void createIdFromARecordWithId() {
        assertThat(create(new Created("rec-1", 1)).breadcrumbId()).isEqualTo("rec-1");
    }

    @Test
    void createIdFromAPojoGetter() {
        assertThat(create(new IdBean("pojo-1")).breadcrumbId()).isEqualTo("pojo-1");
    }

    @Test
    void createIdFromAMap() {
        assertThat(create(Map.of("id", "map-1")).breadcrumbId()).isEqualTo("map-1");
    }

    @Test
    void createIdFromAJsonString() {
        assertThat(create("{\"id\": \"json-1\"}").breadcrumbId()).isEqualTo("json-1");
        assertThat(create("  {\"ok\":true,\"id\":\"json-2\"}\n").breadcrumbId()).isEqualTo("json-2");
    }

    @Test
    void createIdFromAnOptional() {
        assertThat(create(Optional.of("opt-1")).breadcrumbId()).isEqualTo("opt-1");
    }

    @Test
    void createIdFromTheInnerCallWhenTheOuterReturnsNone() {
        BreadcrumbEvent e = factory.build(new CreateClient(), origin(CreateClient.class, "createBreadcrumb", 1),
                new Object[] {draftMap()}, null, new CreateClient(), origin(CreateClient.class, "createBreadcrumb", 1),
                new Object[] {draftMap()}, "inner-1");
        assertThat(e.breadcrumbId()).isEqualTo("inner-1");
        assertDraftFields(e);
    }

    @Test
    void noIdMeansNoEventAndOneWarningPerMethod() {
        assertThat(create((Object) null)).isNull();
        assertThat(create(42)).isNull();
        assertThat(create("not an id")).isNull();
        assertThat(create(Map.of("ok", true))).isNull();
        assertThat(create(new Object[] {"x"})).isNull();
        assertThat(problems.occurrences()).isEqualTo(5);
        assertThat(log.warnings()).singleElement().asString()
                .contains("no breadcrumb id").contains("createBreadcrumb").contains(CreateClient.class.getName());
    }

    @Test
    void aMalformedJsonReturnValueIsNoEvent() {
        assertThat(create("{\"id\": ")).isNull();
        assertThat(problems.occurrences()).isGreaterThanOrEqualTo(1);
    }

    // ---------------------------------------------------------------- create: the body

    @Test
    void bodyFromARecordHonoursJsonPropertyOnTheComponent() {
        Draft draft = new Draft("hello", Map.of("request_id", "r-1", "nested", Map.of("k", "v")), List.of("tools", "x"),
                "tool.request.v1");
        BreadcrumbEvent e = create(new CreateClient(), "rec-id", draft);
        assertDraftFields(e);
        assertThat(e.breadcrumb()).containsEntry("id", "rec-id").containsEntry("version", 1L).doesNotContainKey("schema");
    }

    @Test
    void bodyFromAPojoHonoursJsonPropertyOnFieldsAndJsonIgnore() {
        BreadcrumbEvent e = create(new CreateClient(), "pojo-id", new DraftBean());
        assertDraftFields(e);
        assertThat(e.breadcrumb()).doesNotContainKeys("secret", "ctx", "schema");
    }

    @Test
    void bodyFromAMap() {
        assertDraftFields(create(new CreateClient(), "map-id", draftMap()));
    }

    @Test
    void bodyFromAJsonStringWithCamelCaseSchemaName() {
        String json = "{\"title\":\"hello\",\"context\":{\"request_id\":\"r-1\",\"nested\":{\"k\":\"v\"}},"
                + "\"tags\":[\"tools\",\"x\"],\"schemaName\":\"tool.request.v1\"}";
        BreadcrumbEvent e = create(new CreateClient(), "json-id", json);
        assertDraftFields(e);
        assertThat(e.breadcrumb()).doesNotContainKey("schemaName");
    }

    @Test
    void theBodyIsFoundAmongOtherArguments() {
        Map<String, Object> body = draftMap();
        BreadcrumbEvent e = factory.build(new CreateClient(), "com.example.Client.createBreadcrumb(Ljava/lang/String;Ljava/util/Map;Z)Ljava/lang/String;",
                new Object[] {"idempotency-key-1", body, true}, "multi-id", null, null, null, null);
        assertThat(e.breadcrumbId()).isEqualTo("multi-id");
        assertDraftFields(e);
    }

    @Test
    void noBodyStillGivesAnEventWithEmptyFields() {
        BreadcrumbEvent e = create(new CreateClient(), "bare-id", (Object) null);
        assertThat(e.breadcrumbId()).isEqualTo("bare-id");
        assertThat(e.tags()).isEmpty();
        assertThat(e.context()).isEmpty();
        assertThat(e.schemaName()).isNull();
    }

    // ---------------------------------------------------------------- bad input never throws

    @Test
    void aCyclicBodyIsCutWhereItLoops() {
        BreadcrumbEvent[] e = new BreadcrumbEvent[1];
        assertThatCode(() -> e[0] = create(new CreateClient(), "cyc-id", new CyclicDraft())).doesNotThrowAnyException();
        assertThat(e[0]).isNotNull();
        assertThat(e[0].breadcrumbId()).isEqualTo("cyc-id");
        assertThat(e[0].tags()).containsExactly("c");
        assertThat(e[0].breadcrumb().get("self")).isNull();
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("cyclic"));
    }

    @Test
    void aCyclicMapIsCutToo() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "loop");
        Map<String, Object> context = new HashMap<>();
        context.put("self", context);
        body.put("context", context);
        BreadcrumbEvent[] e = new BreadcrumbEvent[1];
        assertThatCode(() -> e[0] = create(new CreateClient(), "cyc-map", body)).doesNotThrowAnyException();
        assertThat(e[0]).isNotNull();
        assertThat(e[0].breadcrumb()).containsEntry("title", "loop");
        assertThat(e[0].context().get("self")).isNull();
    }

    @Test
    void aGetterThatThrowsOnlyLosesItsOwnProperty() {
        BreadcrumbEvent e = create(new CreateClient(), "boom-id", new ThrowingDraft());
        assertThat(e).isNotNull();
        assertThat(e.breadcrumb()).containsEntry("title", "boom").doesNotContainKey("context");
        assertThat(e.tags()).containsExactly("b");
        assertThat(e.context()).isEmpty();
        assertThat(log.warnings()).singleElement().asString()
                .contains("getContext").contains("IllegalStateException").doesNotContain("lazy loading failed");
    }

    @Test
    void aBodyWithTooManyValuesIsNoEvent() {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i <= ObjectTree.MAX_NODES; i++) {
            tags.add("t");
        }
        Map<String, Object> body = draftMap();
        body.put("tags", tags);
        assertThat(create(new CreateClient(), "big-id", body)).isNull();
        assertThat(log.warnings()).singleElement().asString().contains("beyond").contains(CreateClient.class.getName());
    }

    @Test
    void aBodyWithTooMuchTextIsNoEvent() {
        Map<String, Object> body = draftMap();
        body.put("title", "x".repeat(ObjectTree.MAX_TEXT_CHARS + 1));
        assertThat(create(new CreateClient(), "big-id", body)).isNull();
        assertThat(problems.occurrences()).isEqualTo(1);
    }

    @Test
    void aBodyNestedTooDeeplyIsNoEvent() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cur = deep;
        for (int i = 0; i < ObjectTree.MAX_DEPTH + 10; i++) {
            Map<String, Object> next = new HashMap<>();
            cur.put("d", next);
            cur = next;
        }
        Map<String, Object> body = draftMap();
        body.put("context", deep);
        assertThat(create(new CreateClient(), "deep-id", body)).isNull();
        assertThat(problems.occurrences()).isEqualTo(1);
    }

    @Test
    void aHugeJsonReturnValueIsNoEvent() {
        String json = "{\"id\":\"x\",\"pad\":\"" + "p".repeat(ObjectTree.MAX_TEXT_CHARS) + "\"}";
        assertThat(create(json)).isNull();
        assertThat(problems.occurrences()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- update

    @Test
    void updateTakesTheIdFromTheArgumentsAndTheVersionFromIfMatchPlusOne() {
        Map<String, Object> patch = Map.of("context", Map.of("status", "done"), "tags", List.of("t2"));
        BreadcrumbEvent e = update(new UpdateWithIfMatch(), "bc-1", patch, 3L);
        assertThat(e.breadcrumbId()).isEqualTo("bc-1");
        assertThat(e.version()).isEqualTo(4);
        assertThat(e.context()).isEqualTo(Map.of("status", "done"));
        assertThat(e.tags()).containsExactly("t2");
        assertThat(e.type()).isEqualTo("breadcrumb.updated");
    }

    @Test
    void updateWithAnExpectedVersionParameterAndAUuidId() {
        UUID id = UUID.randomUUID();
        BreadcrumbEvent e = update(new UpdateWithExpectedVersion(), id, Map.of("title", "t"), 7);
        assertThat(e.breadcrumbId()).isEqualTo(id.toString());
        assertThat(e.version()).isEqualTo(8);
    }

    @Test
    void updateWithAQuotedIfMatchHeaderValue() {
        BreadcrumbEvent e = update(new UpdateWithIfMatchHeader(), "bc-2", "{\"context\":{\"a\":\"b\"}}", "\"5\"");
        assertThat(e.breadcrumbId()).isEqualTo("bc-2");
        assertThat(e.version()).isEqualTo(6);
        assertThat(e.context()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void updateWithoutAVersionHasVersionZero() {
        BreadcrumbEvent e = update(new UpdateWithoutVersion(), "bc-3", Map.of("context", Map.of("a", "b")));
        assertThat(e.breadcrumbId()).isEqualTo("bc-3");
        assertThat(e.version()).isZero();
    }

    @Test
    void updateWithoutAnIdIsNoEventAndOneWarning() {
        Map<String, Object> patch = Map.of("context", Map.of("a", "b"));
        assertThat(update(new UpdateWithoutId(), patch)).isNull();
        assertThat(update(new UpdateWithoutId(), patch)).isNull();
        assertThat(problems.occurrences()).isEqualTo(2);
        assertThat(log.warnings()).singleElement().asString()
                .contains("no breadcrumb id").contains("updateBreadcrumb").contains(UpdateWithoutId.class.getName());
    }

    /**
     * BUG (EventFactory.ID_PARAMETER, line 30): under {@code (?i)} the alternative {@code .*Id} matches every name
     * ending in "id", and the first such parameter wins, so {@code agentId} is taken for the breadcrumb id and a local
     * event for the wrong breadcrumb is published. Enable once a parameter named id/breadcrumbId is preferred.
     */

    @Test
    void updatePrefersTheBreadcrumbIdParameterOverOtherIds() {
        BreadcrumbEvent e = update(new UpdateWithOwnerFirst(), "agent-7", "bc-9", Map.of("context", Map.of()), 2L);
        assertThat(e.breadcrumbId()).isEqualTo("bc-9");
        assertThat(e.version()).isEqualTo(3);
    }

    @Test
    void updateFindsTheIdInsideThePatchWhenNoArgumentIsAnId() {
        BreadcrumbEvent e = update(new UpdateWithoutId(), Map.of("id", "bc-in-patch", "context", Map.of()));
        assertThat(e.breadcrumbId()).isEqualTo("bc-in-patch");
    }

    // ---------------------------------------------------------------- who: the bearer token

    @Test
    void ownerAndAgentFromTheClientsBearerToken() {
        TokenClient client = new TokenClient("Bearer " + jwt("{\"owner_id\":\"owner-1\",\"agent_id\":\"agent-1\",\"roles\":[\"emitter\"]}"));
        BreadcrumbEvent e = create(client, "tok-1", draftMap());
        assertThat(e.ownerId()).isEqualTo("owner-1");
        assertThat(e.origin().ownerId()).isEqualTo("owner-1");
        assertThat(e.origin().agentId()).isEqualTo("agent-1");
        assertThat(e.origin().client()).startsWith(TokenClient.class.getName() + "@");
        assertThat(e.breadcrumb()).containsEntry("owner_id", "owner-1");
        assertThat(e.payload()).containsEntry("owner_id", "owner-1");
        assertThat(log.lines).noneMatch(l -> l.contains("eyJ"));
    }

    @Test
    void aBareTokenAndTheOwnerAndSubFallbackClaims() {
        TokenClient client = new TokenClient(jwt("{\"owner\":\"owner-2\",\"sub\":\"agent-2\"}"));
        BreadcrumbEvent e = create(client, "tok-2", draftMap());
        assertThat(e.ownerId()).isEqualTo("owner-2");
        assertThat(e.origin().agentId()).isEqualTo("agent-2");
    }

    @Test
    void aTokenOneObjectDeeper() {
        NestedTokenClient client = new NestedTokenClient(new ClientConfig("Bearer " + jwt("{\"owner_id\":\"owner-3\",\"agent_id\":\"agent-3\"}")));
        BreadcrumbEvent e = create(client, "tok-3", draftMap());
        assertThat(e.ownerId()).isEqualTo("owner-3");
        assertThat(e.origin().agentId()).isEqualTo("agent-3");
    }

    @Test
    void aDynamicProxyClientsTokenIsInItsInvocationHandler() {
        Api api = (Api) java.lang.reflect.Proxy.newProxyInstance(Api.class.getClassLoader(), new Class<?>[] {Api.class},
                new TokenHandler("Bearer " + jwt("{\"owner_id\":\"owner-4\",\"agent_id\":\"agent-4\"}")));
        BreadcrumbEvent e = factory.build(api, origin(api.getClass(), "createBreadcrumb", 1), new Object[] {draftMap()},
                "tok-4", null, null, null, null);
        assertThat(e.ownerId()).isEqualTo("owner-4");
        assertThat(e.origin().agentId()).isEqualTo("agent-4");
    }

    @Test
    void anUndecodableTokenGivesNoOwnerAndOneWarning() {
        TokenClient client = new TokenClient("Bearer eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln"); // payload: "not json"
        BreadcrumbEvent e = create(client, "tok-5", draftMap());
        assertThat(e).isNotNull();
        assertThat(e.ownerId()).isNull();
        assertThat(e.origin().agentId()).isNull();
        assertThat(log.warnings()).singleElement().asString().contains("could not be decoded").doesNotContain("eyJ");
    }

    @Test
    void noTokenMeansNoOwnerButTheClientIsNamed() {
        BreadcrumbEvent e = create(new CreateClient(), "tok-6", draftMap());
        assertThat(e.ownerId()).isNull();
        assertThat(e.origin().client()).startsWith(CreateClient.class.getName() + "@");
        assertThat(e.payload()).containsKey("owner_id");
    }
}

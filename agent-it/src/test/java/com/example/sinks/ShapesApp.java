package com.example.sinks;

import com.example.support.ChildApp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Run with every shape of sink configured at once. Creates two breadcrumbs with a token-carrying client and prints,
 * per sink and call, what each parameter held (normalised through Jackson), and the runtime types of the parameters.
 */
public final class ShapesApp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String OWNER = "11111111-2222-3333-4444-555555555555";

    public static void main(String[] args) throws Exception {
        Map<String, List<Object[]>> sinks = new LinkedHashMap<>();
        sinks.put("String", StringEventSink.CALLS);
        sinks.put("Map", MapEventSink.CALLS);
        sinks.put("JsonNode", TreeEventSink.CALLS);
        sinks.put("String,Map", StringMapSink.CALLS);
        sinks.put("JsonNode,JsonNode", TreeTreeSink.CALLS);
        sinks.put("Map,String", MapStringSink.CALLS);
        sinks.put("Pojo,Record", PojoRecordSink.CALLS);
        Object[] keep = {new StringEventSink(), new MapEventSink(), new TreeEventSink(), new StringMapSink(),
                new TreeTreeSink(), new MapStringSink(), new PojoRecordSink(), new IntSignatureSink()};
        ChildApp.print("INSTANCES", keep.length);

        TenantClient client = new TenantClient(Jwt.token(OWNER, "agent-shapes"));
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 1; i <= 2; i++) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("request_id", "req-" + i);
            context.put("n", 40 + i);
            context.put("nested", Map.of("a", "b" + i));
            String id = client.createBreadcrumb(Child.body("shape.test.v" + i, "Shapes " + i, context, List.of("shape", "t" + i)));
            labels.put(id, "crumb" + i);
        }
        Child.require("every sink got both events", () -> sinks.values().stream().allMatch(c -> c.size() >= 2), 30_000);
        Child.require("all published", () -> org.rcrt.localbus.LocalEventBus.stats().published() >= 2, 30_000);
        ChildApp.sleep(200); // lets a wrong extra call show up (not needed for the positive assertions)

        for (Map.Entry<String, List<Object[]>> e : sinks.entrySet()) {
            List<Object[]> calls = e.getValue();
            ChildApp.print("CALLS " + e.getKey(), calls.size());
            for (int i = 0; i < calls.size(); i++) {
                Object[] params = calls.get(i);
                StringJoiner types = new StringJoiner(",");
                for (Object p : params) {
                    types.add(p == null ? "null" : p.getClass().getName());
                }
                ChildApp.print("TYPES " + e.getKey() + " " + i, types);
                ChildApp.print("EVENT " + e.getKey() + " " + i, describe(tree(params[0]), labels));
                if (params.length > 1) {
                    ChildApp.print("CRUMB " + e.getKey() + " " + i, describe(tree(params[1]), labels));
                }
            }
        }
        ChildApp.print("INT_SINK_CALLS", IntSignatureSink.CALLS.get());
        ChildApp.print("SINK_INSTANCES", ChildApp.counter("sink.instances"));
        ChildApp.print("LISTENER_ERRORS", org.rcrt.localbus.LocalEventBus.stats().listenerErrors());
        ChildApp.print("DONE", keep.length > 0);
    }

    private static JsonNode tree(Object param) throws Exception {
        if (param instanceof JsonNode node) {
            return node;
        }
        if (param instanceof String json) {
            return MAPPER.readTree(json);
        }
        return MAPPER.valueToTree(param);
    }

    /** The fields the tests look at, in a fixed order; a missing field prints as {@code <none>}. */
    private static String describe(JsonNode n, Map<String, String> labels) {
        String id = n.hasNonNull("breadcrumb_id") ? n.get("breadcrumb_id").asText() : n.hasNonNull("id") ? n.get("id").asText() : null;
        StringJoiner out = new StringJoiner("|");
        out.add("id=" + (id == null ? "<none>" : labels.getOrDefault(id, "?" + id)));
        for (String f : List.of("type", "version", "schema_name", "owner_id", "title")) {
            out.add(f + "=" + (n.hasNonNull(f) ? n.get(f).asText() : "<none>"));
        }
        JsonNode c = n.path("context");
        out.add("request_id=" + c.path("request_id").asText("<none>"));
        out.add("n=" + (c.has("n") ? c.get("n").asText() : "<none>"));
        out.add("nested.a=" + c.path("nested").path("a").asText("<none>"));
        out.add("tags=" + (n.has("tags") ? n.get("tags").toString() : "<none>"));
        return out.toString();
    }

    private ShapesApp() {}
}

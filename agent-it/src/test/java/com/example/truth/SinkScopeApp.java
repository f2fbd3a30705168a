package com.example.truth;

import com.example.sinks.Jwt;
import com.example.support.ChildApp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates breadcrumbs with a sink configured; prints how often the sink ran locally, then by the SSE lane. */
public final class SinkScopeApp {
    public static void main(String[] args) {
        TruthSink sink = new TruthSink();
        Clients.TokenClient client = new Clients.TokenClient(Jwt.token(TruthShapesApp.OWNER_A, UUID.randomUUID().toString()));
        String id = null;
        for (int i = 0; i < 5; i++) {
            id = (String) client.createBreadcrumb(Map.of("title", "s", "tags", List.of("s"), "schema_name", "scope.v1",
                    "context", Map.of("i", i))).get("id");
        }
        ChildApp.sleep(500);
        ChildApp.print("LOCAL_SINK_CALLS", TruthSink.CALLS.get());
        sink.handleEvent("{\"type\":\"breadcrumb.updated\",\"breadcrumb_id\":\"" + id + "\",\"version\":1}");
        ChildApp.print("AFTER_SSE_CALL", TruthSink.CALLS.get());
        ChildApp.print("SCOPE_DONE", true);
    }
}

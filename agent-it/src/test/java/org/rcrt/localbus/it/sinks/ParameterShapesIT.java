package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Every supported sink signature, all configured at once ({@code -Drcrt.localbus.sink=A#m,B#m,...}), gets the right
 * data of locally created breadcrumbs: the SSE payload as the event, the local record as the breadcrumb, as String
 * JSON, Map, the application's own Jackson tree, or the application's POJO/record bound by its own Jackson.
 * An unsupported signature among them is named in one WARN and never called, and doesn't stop the others.
 */
class ParameterShapesIT {
    private static final String OWNER = "11111111-2222-3333-4444-555555555555";
    private static final List<String> SINKS = List.of("StringEventSink", "MapEventSink", "TreeEventSink", "StringMapSink",
            "TreeTreeSink", "MapStringSink", "PojoRecordSink", "IntSignatureSink");
    private static ForkedJvm.Result r;

    @BeforeAll
    static void runTheApp() {
        r = SinkChild.withAgent("shapes", "ShapesApp")
                .systemProperty("rcrt.localbus.sink", String.join(",",
                        SINKS.stream().map(s -> "com.example.sinks." + s + "#handleEvent").toList()))
                .run();
    }

    private static String event(int i) {
        return "id=crumb" + i + "|type=breadcrumb.updated|version=1|schema_name=shape.test.v" + i + "|owner_id=" + OWNER
                + "|title=<none>|request_id=req-" + i + "|n=" + (40 + i) + "|nested.a=b" + i + "|tags=[\"shape\",\"t" + i + "\"]";
    }

    private static String crumb(int i) {
        return "id=crumb" + i + "|type=<none>|version=1|schema_name=shape.test.v" + i + "|owner_id=" + OWNER
                + "|title=Shapes " + i + "|request_id=req-" + i + "|n=" + (40 + i) + "|nested.a=b" + i + "|tags=[\"shape\",\"t" + i + "\"]";
    }

    @Test
    void theChildRanAndOnlyTheUnsupportedSignatureWarned() {
        SinkChild.assertCleanExit(r);
        SinkChild.assertNoErrorsOrStackTraces(r);
        List<String> warns = SinkChild.agentLines(r, "WARN");
        assertThat(warns).as(r.describe()).hasSize(1);
        assertThat(warns.get(0)).contains("sink com.example.sinks.IntSignatureSink#handleEvent is not used")
                .contains("int").contains("not supported");
        assertThat(r.requiredLong("INT_SINK_CALLS")).isZero();
        assertThat(r.requiredLong("SINK_INSTANCES")).as("7 supported instances subscribed").isEqualTo(7);
        assertThat(r.requiredLong("LISTENER_ERRORS")).isZero();
    }

    @Test
    void oneParameterSinksGetTheSsePayload() {
        SinkChild.assertCleanExit(r);
        for (String shape : List.of("String", "Map", "JsonNode")) {
            assertThat(r.requiredLong("CALLS " + shape)).as("%s\n%s", shape, r).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                assertThat(r.required("EVENT " + shape + " " + i)).as(shape).isEqualTo(event(i + 1));
            }
        }
        assertThat(r.required("TYPES String 0")).isEqualTo("java.lang.String");
        assertThat(r.required("TYPES Map 0")).contains("Map");
        assertThat(r.required("TYPES JsonNode 0")).isEqualTo("com.fasterxml.jackson.databind.node.ObjectNode");
    }

    @Test
    void twoParameterSinksGetThePayloadAndTheLocalRecord() {
        SinkChild.assertCleanExit(r);
        for (String shape : List.of("String,Map", "JsonNode,JsonNode", "Map,String")) {
            assertThat(r.requiredLong("CALLS " + shape)).as("%s\n%s", shape, r).isEqualTo(2);
            for (int i = 0; i < 2; i++) {
                assertThat(r.required("EVENT " + shape + " " + i)).as(shape).isEqualTo(event(i + 1));
                assertThat(r.required("CRUMB " + shape + " " + i)).as(shape).isEqualTo(crumb(i + 1));
            }
        }
        assertThat(r.required("TYPES String,Map 0")).startsWith("java.lang.String,").contains("Map");
        assertThat(r.required("TYPES JsonNode,JsonNode 0"))
                .isEqualTo("com.fasterxml.jackson.databind.node.ObjectNode,com.fasterxml.jackson.databind.node.ObjectNode");
        assertThat(r.required("TYPES Map,String 0")).endsWith(",java.lang.String").contains("Map");
    }

    @Test
    void anApplicationPojoAndRecordAreBoundWithItsOwnJacksonAnnotations() {
        SinkChild.assertCleanExit(r);
        assertThat(r.requiredLong("CALLS Pojo,Record")).as(r.describe()).isEqualTo(2);
        assertThat(r.required("TYPES Pojo,Record 0")).isEqualTo("com.example.sinks.ToolEvent,com.example.sinks.ToolCrumb");
        for (int i = 0; i < 2; i++) {
            int n = i + 1;
            // the POJO has breadcrumb_id, schema_name, owner_id (via @JsonProperty), version and context; no type/tags
            assertThat(r.required("EVENT Pojo,Record " + i)).isEqualTo("id=crumb" + n + "|type=<none>|version=1|schema_name=shape.test.v"
                    + n + "|owner_id=" + OWNER + "|title=<none>|request_id=req-" + n + "|n=" + (40 + n) + "|nested.a=b" + n + "|tags=<none>");
            // the record has title, context and tags only
            assertThat(r.required("CRUMB Pojo,Record " + i)).isEqualTo("id=<none>|type=<none>|version=<none>|schema_name=<none>|owner_id=<none>"
                    + "|title=Shapes " + n + "|request_id=req-" + n + "|n=" + (40 + n) + "|nested.a=b" + n + "|tags=[\"shape\",\"t" + n + "\"]");
        }
    }
}

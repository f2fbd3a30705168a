package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * The trust model: by default one process is one trust domain (a sink sees every local event, whichever client made
 * it); {@code rcrt.localbus.sink.owner} binds sinks to one owner (never another owner's events, nor ownerless ones);
 * {@code rcrt.localbus.sink.selector} limits what sinks get. Owners A and B, and a client without token, in one
 * process; 5 rounds of x.v1 and y.v1 each, then a marker (A, x.v1).
 */
class OwnerBindingIT {
    private static final String OWNER_A = "aaaaaaaa-0000-0000-0000-00000000000a";
    private static final int ROUNDS = 5;

    private static ForkedJvm.Result run(String name, String owner, String selector) {
        ForkedJvm.Builder b = SinkChild.withAgent(name, "OwnerApp")
                .systemProperty("rcrt.localbus.sink", "com.example.sinks.TenantSink#handleEvent");
        if (owner != null) {
            b.systemProperty("rcrt.localbus.sink.owner", owner);
        }
        if (selector != null) {
            b.systemProperty("rcrt.localbus.sink.selector", selector);
        }
        ForkedJvm.Result r = b.run();
        SinkChild.assertCleanExit(r);
        SinkChild.assertQuiet(r);
        assertThat(r.requiredLong("PUBLISHED")).as("every create published\n%s", r).isEqualTo(ROUNDS * 6 + 1);
        return r;
    }

    /** What the sink should have seen, in creation order. */
    private static String expected(List<String> owners, List<String> schemas) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            for (String schema : List.of("x.v1", "y.v1")) {
                for (String owner : List.of("A", "B", "none")) {
                    if (owners.contains(owner) && schemas.contains(schema)) {
                        out.add(owner + ":" + schema + ":" + i);
                    }
                }
            }
        }
        out.add("A:x.v1:marker");
        return String.join(" ", out);
    }

    @Test
    void aSinkBoundToOwnerASeesOnlyAsLocalEvents() {
        ForkedJvm.Result r = run("owner-a", OWNER_A, null);
        assertThat(r.required("SEEN_IN_ORDER")).as(r.describe()).isEqualTo(expected(List.of("A"), List.of("x.v1", "y.v1")));
        assertThat(r.required("SEEN_BY_OWNER_AND_SCHEMA")).isEqualTo("{A:x.v1=" + (ROUNDS + 1) + ", A:y.v1=" + ROUNDS + "}");
        assertThat(r.required("SELECTOR")).contains(OWNER_A);
    }

    @Test
    void aSinkSelectorLimitsTheSinkToOneSchemaOfEveryOwner() {
        ForkedJvm.Result r = run("selector-x", null, "{\"schema_name\":\"x.v1\"}");
        assertThat(r.required("SEEN_IN_ORDER")).as(r.describe()).isEqualTo(expected(List.of("A", "B", "none"), List.of("x.v1")));
    }

    @Test
    void ownerAndSelectorTogether() {
        ForkedJvm.Result r = run("owner-a-selector-x", OWNER_A, "{\"schema_name\":\"x.v1\"}");
        assertThat(r.required("SEEN_IN_ORDER")).as(r.describe()).isEqualTo(expected(List.of("A"), List.of("x.v1")));
    }

    @Test
    void withoutBindingOneProcessIsOneTrustDomainAndTheSinkSeesEveryOwner() {
        ForkedJvm.Result r = run("no-binding", null, null);
        assertThat(r.required("SEEN_IN_ORDER")).as(r.describe())
                .isEqualTo(expected(List.of("A", "B", "none"), List.of("x.v1", "y.v1")));
    }
}

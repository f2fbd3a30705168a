package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Malformed JSON, a 10 MB body, 10k-deep nesting, a 1M-element list, cyclic graphs, nulls, non-JSON / Integer / null
 * return values and throwing getters, each 100 times: every call returns normally, nothing escapes into the app, and
 * each kind of trouble is one WARN, however often it repeats.
 */
class BadInputIT {
    private static final int REPEAT = 100;
    private static final String[] KINDS = {"malformed-json", "deep-json", "big-10mb", "deep-map", "million-list",
        "cyclic-bean", "cyclic-map", "null-body", "null-update", "not-json-return", "integer-return", "null-return",
        "throwing-getter"};

    @Test
    void badInputNeverReachesTheApplicationAndEachKindIsOneWarn() {
        ForkedJvm.Result r = Hardening.withAgent("bad-input", "BadInputApp", String.valueOf(REPEAT)).jvmArgs("-Xmx1g").run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("DISPATCHED")).as(r.describe()).isEqualTo("true");
        assertThat(r.required("THROWN")).isEqualTo("{}");
        for (String kind : KINDS) {
            assertThat(r.requiredLong("RETURNED " + kind)).as("calls of kind %s that returned normally", kind).isEqualTo(REPEAT);
        }
        assertThat(r.required("SENTINEL_RETURNED")).isEqualTo("true");
        long calls = r.requiredLong("CALLS");
        assertThat(calls).isEqualTo((long) KINDS.length * REPEAT + 1);
        assertThat(r.requiredLong("INTERCEPTED")).isEqualTo(calls);

        Map<String, String> warnings = new LinkedHashMap<>();
        warnings.put("malformed and too deep JSON text", "could not be parsed");
        warnings.put("10 MB body", "a call of com.example.hardening.BadClients$BigBodyClient.createBreadcrumb carried a JSON text of");
        warnings.put("10k-deep map", "a call of com.example.hardening.BadClients$DeepClient.createBreadcrumb carried nesting deeper than");
        warnings.put("1M-element list", "a call of com.example.hardening.BadClients$HugeListClient.createBreadcrumb carried more than");
        warnings.put("cyclic bean", "a cyclic object graph through com.example.hardening.BadClients$CyclicNode");
        warnings.put("cyclic map", "a cyclic object graph through java.util.HashMap");
        warnings.put("not-JSON return", "no breadcrumb id found in what com.example.hardening.BadClients$NotJsonReturnClient.createBreadcrumb returned");
        warnings.put("Integer return", "no breadcrumb id found in what com.example.hardening.BadClients$IntegerReturnClient.createBreadcrumb returned");
        warnings.put("null return", "no breadcrumb id found in what com.example.hardening.BadClients$NullReturnClient.createBreadcrumb returned");
        warnings.forEach((kind, text) -> assertThat(Hardening.countStderr(r, text))
                .as("WARN lines for %s ('%s')\n%s", kind, text, r).isEqualTo(1));
        // nothing else: one WARN per kind, no more. A null body, an update without a patch and a bean whose getters
        // throw are not RCRT calls that can be read (the getters are never called): no event and nothing to say.
        assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).hasSize(warnings.size());
        assertThat(r.output()).doesNotContain("context unavailable");
        // A body that can't be read exactly (malformed, beyond the caps, cyclic, without RCRT's fields) gives no local
        // event: its SSE copy delivers it. Only the sentinel is a local event.
        long events = r.requiredLong("EVENTS");
        assertThat(events).as(r.describe()).isEqualTo(1);
        assertThat(r.requiredLong("PUBLISHED")).isEqualTo(events);
        assertThat(r.requiredLong("INPUT_PROBLEMS")).isGreaterThanOrEqualTo(warnings.size());
    }
}

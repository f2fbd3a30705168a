package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * An application that already used its own copy of the api (its bus then is its own) and only later gets the agent
 * attached: its bus joins the shared one, subscriptions and all.
 */
class AttachAfterApiIT {

    @Test
    void subscriptionsMadeBeforeTheAttachMoveToTheSharedBusAndGetTheAgentsEvents() throws Exception {
        int n = 5;
        try (ForkedJvm.Running child = Hardening.attachable("attach-after-api", "ApiFirstAttachApp", String.valueOf(n)).start()) {
            Hardening.attachAgent(child);
            ForkedJvm.Result r = child.waitFor(Duration.ofSeconds(60));
            Hardening.assertCleanExit(r, "DONE");
            Hardening.assertNoErrorsOrStackTraces(r);
            assertThat(r.required("OWN_BUS_WORKS")).isEqualTo("true");
            assertThat(r.required("SHARED_BEFORE")).isEqualTo("false");
            assertThat(r.required("SHARED_AFTER")).as(r.describe()).isEqualTo("true");
            assertThat(r.required("EARLY_ACTIVE")).isEqualTo("true");
            assertThat(r.requiredLong("CREATED")).isEqualTo(n);
            assertThat(r.requiredLong("EARLY_RECEIVED")).as(r.describe()).isEqualTo(n);
            assertThat(r.requiredLong("LATE_RECEIVED")).isEqualTo(n);
            assertThat(r.requiredLong("CLOSED_RECEIVED")).as("a subscription closed before the attach stays closed").isZero();
            assertThat(r.required("EARLY_ACTIVE_AFTER_CLOSE")).isEqualTo("false");
            assertThat(r.required("EARLY_GOT_AFTER_CLOSE")).as("closing a moved subscription closes it").isEqualTo("false");
            assertThat(Hardening.agentLines(r, "INFO")).as(r.describe())
                    .anyMatch(l -> l.contains("joined the shared bus with its 1 subscriptions"));
            assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).isEmpty();
        }
    }
}

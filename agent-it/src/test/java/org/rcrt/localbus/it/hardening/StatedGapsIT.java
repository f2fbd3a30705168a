package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/** What the agent can't do is said, and what it must survive it survives. */
class StatedGapsIT {

    @Test
    void aClientInterfaceImplementedByLambdasGetsOneWarnNamingIt() {
        ForkedJvm.Result r = Hardening.withAgent("lambda-client", "LambdaClientApp").run();
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("LAMBDA")).isEqualTo("id-1");
        assertThat(r.required("REFERENCE")).isEqualTo("ref-1");
        assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).singleElement().asString()
                .contains("com.example.hardening.LambdaClientApp$CrumbFunction").contains("lambda")
                .contains("not intercepted");
    }

    @Test
    void aStackOverflowInsideTheWovenCodeLeavesTheThreadReportingCalls() {
        ForkedJvm.Result r = Hardening.withAgent("deep-stack", "DeepStackApp", "40")
                .jvmArgs("-Xss512k").run();
        Hardening.assertCleanExit(r, "DONE");
        assertThat(r.required("OVERFLOWS")).isEqualTo("40");
        assertThat(r.required("EVENT_AFTER")).as("the call after the overflows is an event\n%s", r).isEqualTo("true");
        assertThat(Hardening.agentLines(r, "ERROR")).as(r.describe()).isEmpty();
    }
}

package org.rcrt.localbus.it.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Sync mode with dedupe: a handler that PATCHes the breadcrumb it is handling (claiming the request) gets its own
 * update's event right there, nested in its call, instead of waiting on its own claim (it used to wait 5 s and then
 * drop that event as a presumed duplicate). Asserted on the order of the handler's steps, not on time.
 */
class SelfClaimIT {

    @ParameterizedTest
    @ValueSource(strings = {"sink", "api"})
    void aHandlerUpdatingTheBreadcrumbItHandlesNeverWaitsOnItself(String form) {
        ForkedJvm.Result r = SinkChild.withAgent("self-claim-" + form, "SelfClaimApp", form)
                .systemProperty("rcrt.localbus.dispatch", "sync")
                .systemProperty("rcrt.localbus.sink", "com.example.sinks.ClaimingBridge#handleEvent")
                .run();
        SinkChild.assertCleanExit(r);
        SinkChild.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("LOG")).as(r.describe())
                .isEqualTo("enter v1,enter v2,exit v2,claimed v1,exit v1");
    }
}

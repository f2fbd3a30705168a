package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `feign` client: a JDK dynamic proxy of the generated interface, blocking calls and `…WithHttpInfo`. */
class FeignClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("feign", "com.example.clients.feign.FeignApp", com.example.clients.Crud.EVENTS + 1, ClientRun::annotatedInterface), "feign");
    }

    @Test
    void aCreateWithHttpInfoGivesOneTrueEvent() {
        expect.oneCreateEvent("create-http-info");
    }
}

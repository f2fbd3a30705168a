package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `resttemplate` client: blocking calls and `…WithHttpInfo` (`ResponseEntity<T>`). */
class RestTemplateClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("resttemplate", "com.example.clients.resttemplate.RestTemplateApp", com.example.clients.Crud.EVENTS + 1, ClientRun::generatedClient), "resttemplate");
    }

    @Test
    void aCreateWithHttpInfoGivesOneTrueEvent() {
        expect.oneCreateEvent("create-http-info");
    }
}

package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `resttemplate` client: blocking calls and `…WithHttpInfo` (`ResponseEntity<T>`). */
class RestTemplateClientIT {
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("resttemplate", "com.example.clients.resttemplate.RestTemplateApp", com.example.clients.Crud.EVENTS + 1, ClientRun::generatedClient), "resttemplate");
    }

    @Test
    void eachCreateGivesOneTrueEvent() {
        expect.oneCreateEvent("create");
        expect.oneCreateEvent("update.create");
        expect.oneCreateEvent("update-412.create");
    }

    @Test
    void eachUpdateGivesOneTrueEvent() {
        expect.oneUpdateEvent("update");
    }

    @Test
    void eventsCarryTheOwnerOfTheClientsToken() {
        expect.eventsCarryTheTokensOwner();
    }

    @Test
    void failedCallsGiveNoEvent() {
        expect.noEvent("create-500");
        expect.noUpdateEvent("update-412");
    }

    @Test
    void aCreateWithHttpInfoGivesOneTrueEvent() {
        expect.oneCreateEvent("create-http-info");
    }

    @Test
    void theApplicationBehavesAsWithoutTheAgent() {
        expect.applicationUnchanged();
    }
}

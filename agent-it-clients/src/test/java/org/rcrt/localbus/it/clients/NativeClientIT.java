package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The openapi-generator `native` client (java.net.http): blocking calls and `…WithHttpInfo` (`ApiResponse<T>`). */
class NativeClientIT {
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("native", "com.example.clients.nativ.NativeApp", com.example.clients.Crud.EVENTS + 1, ClientRun::generatedClient), "native");
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
    @Tag("issue11-pending")
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

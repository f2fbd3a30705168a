package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The openapi-generator `webclient` client: cold `Mono`s, so the request (and the event) belongs to each subscription the application makes. */
class WebClientClientIT {
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("webclient", "com.example.clients.webclient.WebClientApp", com.example.clients.Crud.EVENTS + com.example.clients.webclient.WebClientApp.EXTRA_EVENTS, ClientRun::generatedClient), "webclient");
    }

    @Test
    @Tag("issue11-pending")
    void eachCreateGivesOneTrueEvent() {
        expect.oneCreateEvent("create");
        expect.oneCreateEvent("update.create");
        expect.oneCreateEvent("update-412.create");
    }

    @Test
    @Tag("issue11-pending")
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
    @Tag("issue11-pending")
    void aMonoSubscribedTwiceGivesTwoCreatesAndTwoEvents() {
        expect.oneCreateEventPerReturnedId("create-twice", 2);
    }

    @Test
    void aMonoNeverSubscribedSendsNothingAndGivesNoEvent() {
        expect.nothingSent("create-unsubscribed");
    }

    @Test
    void theApplicationBehavesAsWithoutTheAgent() {
        expect.applicationUnchanged();
    }
}

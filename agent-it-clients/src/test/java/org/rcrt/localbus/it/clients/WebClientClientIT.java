package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `webclient` client: cold `Mono`s, so the request (and the event) belongs to each subscription the application makes. */
class WebClientClientIT {
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("webclient", "com.example.clients.webclient.WebClientApp", com.example.clients.Crud.EVENTS + com.example.clients.webclient.WebClientApp.EXTRA_EVENTS, ClientRun::generatedClient), "webclient");
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

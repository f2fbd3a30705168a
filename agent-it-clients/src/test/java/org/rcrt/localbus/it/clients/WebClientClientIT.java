package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `webclient` client: cold `Mono`s, so the request (and the event) belongs to each subscription the application makes. */
class WebClientClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("webclient", "com.example.clients.webclient.WebClientApp", com.example.clients.Crud.EVENTS + com.example.clients.webclient.WebClientApp.EXTRA_EVENTS, ClientRun::generatedClient), "webclient");
    }

    @Test
    void aMonoSubscribedTwiceGivesTwoCreatesAndTwoEvents() {
        expect.oneCreateEventPerReturnedId("create-twice", 2);
    }

    @Test
    void aMonoNeverSubscribedSendsNothingAndGivesNoEvent() {
        expect.nothingSent("create-unsubscribed");
    }
}

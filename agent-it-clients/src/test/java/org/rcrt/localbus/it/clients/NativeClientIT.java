package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `native` client (java.net.http): blocking calls and `…WithHttpInfo` (`ApiResponse<T>`). */
class NativeClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("native", "com.example.clients.nativ.NativeApp", com.example.clients.Crud.EVENTS + 1, ClientRun::generatedClient), "native");
    }

    @Test
    @Override
    public void eventsCarryTheOwnerOfTheClientsToken() {
        expect.eventsCarryTheTokensOwner();
    }

    @Test
    void aCreateWithHttpInfoGivesOneTrueEvent() {
        expect.oneCreateEvent("create-http-info");
    }
}

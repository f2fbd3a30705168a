package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `okhttp-gson` client, the generator's default library: blocking, `…WithHttpInfo` and `…Async(…, ApiCallback)`. */
class OkHttpGsonClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("okhttp-gson", "com.example.clients.okhttp.OkHttpApp", com.example.clients.Crud.EVENTS + com.example.clients.okhttp.OkHttpApp.EXTRA_EVENTS, ClientRun::generatedClient), "okhttp-gson");
    }

    @Test
    void aCreateWithHttpInfoGivesOneTrueEvent() {
        expect.oneCreateEvent("create-http-info");
    }

    @Test
    void asyncCallsGiveOneTrueEventOnceTheCallbackHasItsAnswer() {
        expect.oneCreateEvent("create-async");
        expect.oneCreateEvent("update-async.create");
        expect.oneUpdateEvent("update-async");
    }

    @Test
    void aFailedAsyncCallGivesNoEvent() {
        expect.noEvent("create-async-500");
    }
}

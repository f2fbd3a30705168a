package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The openapi-generator `retrofit2` client: `Call<T>`s the application executes or enqueues; a 500 or 412 is a `Response` with that code, not an exception. */
class Retrofit2ClientIT implements StandardCases {
    private static Expect expect;

    @Override
    public Expect expect() {
        return expect;
    }

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("retrofit2", "com.example.clients.retrofit.RetrofitApp", com.example.clients.Crud.EVENTS + com.example.clients.retrofit.RetrofitApp.EXTRA_EVENTS, ClientRun::annotatedInterface), "retrofit2");
    }

    @Test
    void anEnqueuedCallGivesOneTrueEventWhenOnResponseGetsA2xx() {
        expect.oneCreateEvent("create-enqueue");
    }

    @Test
    void aCallNeverExecutedSendsNothingAndGivesNoEvent() {
        expect.nothingSent("create-never-executed");
    }
}

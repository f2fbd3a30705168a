package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hand-written Kotlin client whose {@code createBreadcrumb}/{@code updateBreadcrumb} are {@code suspend}
 * functions (the default method names, so no configuration): the event must come when the continuation resumes
 * with the answer, not when the function first returns {@code COROUTINE_SUSPENDED}. A second client's create has a
 * blocking body, so it never suspends: its event comes when it returns its value. The application runs in
 * kotlinx.coroutines' debug mode, and a create that can't connect reports the coroutine frames its failure crossed:
 * the decorated continuation must keep that chain as it was.
 */
class KotlinSuspendClientIT {
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        expect = new Expect(ClientRun.ofMainClass("kotlin", "com.example.clients.kotlin.KotlinAppKt",
                com.example.clients.Crud.EVENTS + 1, b -> b), "kotlin");
    }

    @Test
    void eachCreateGivesOneTrueEvent() {
        expect.oneCreateEvent("create");
        expect.oneCreateEvent("update.create");
        expect.oneCreateEvent("update-412.create");
    }

    /** A suspend function with no suspension point returns its value at once: the event comes then, only once. */
    @Test
    void aSuspendFunctionThatNeverSuspendsGivesOneTrueEvent() {
        expect.oneCreateEvent("blocking");
    }

    @Test
    void eachUpdateGivesOneTrueEvent() {
        expect.oneUpdateEvent("update");
    }

    @Test
    void eventsCarryTheOwnerOfTheClientsToken() {
        expect.eventsCarryTheTokensOwner();
    }

    /** The 500 and the refused update fail inside the resumed state machine: the continuation resumes with a failure. */
    @Test
    void failedCallsGiveNoEvent() {
        expect.noEvent("create-500");
        expect.noEvent("blocking-500");
        expect.noEvent("unreachable");
        expect.noUpdateEvent("update-412");
    }

    @Test
    void theApplicationBehavesAsWithoutTheAgent() {
        expect.applicationUnchanged();
    }
}

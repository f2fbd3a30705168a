package org.rcrt.localbus.it.clients;

import org.junit.jupiter.api.Test;

/**
 * The cases every generated client runs ({@code Crud.runStandardCases}): creates, an update with If-Match, the
 * owner, failures, and the application unchanged. A library's test class implements this with its own run, and
 * adds the cases of its own shapes.
 */
interface StandardCases {
    /** The library's run, with and without the agent. */
    Expect expect();

    @Test
    default void eachCreateGivesOneTrueEvent() {
        expect().oneCreateEvent("create");
        expect().oneCreateEvent("update.create");
        expect().oneCreateEvent("update-412.create");
    }

    @Test
    default void eachUpdateGivesOneTrueEvent() {
        expect().oneUpdateEvent("update");
    }

    @Test
    default void eventsCarryTheOwnerOfTheClientsToken() {
        expect().eventsCarryTheTokensOwner();
    }

    @Test
    default void failedCallsGiveNoEvent() {
        expect().noEvent("create-500");
        expect().noUpdateEvent("update-412");
    }

    @Test
    default void theApplicationBehavesAsWithoutTheAgent() {
        expect().applicationUnchanged();
    }
}

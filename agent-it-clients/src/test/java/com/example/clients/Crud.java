package com.example.clients;

import java.util.UUID;

/**
 * The create and update calls of one client library, as its application makes them, and the cases every library
 * runs with them: a create, a create the server fails (500), an update with the current If-Match, and one with a
 * stale If-Match (412), each update on a breadcrumb created just before.
 *
 * @param <C> what the library's create returns
 */
public interface Crud<C> {
    C create(String caseName) throws Exception;

    UUID idOf(C created);

    Object update(UUID id, String caseName, String ifMatch) throws Exception;

    /** The number of local events these cases produce when every success gives one. */
    int EVENTS = 4;

    static <C> void runStandardCases(Report report, Crud<C> crud) {
        report.call("create", () -> crud.create("create"));
        report.call("create-500", () -> crud.create("create-500"));
        updateCase(report, crud, "update", Bodies.IF_MATCH_CURRENT);
        updateCase(report, crud, "update-412", Bodies.IF_MATCH_STALE);
    }

    /** Creates a breadcrumb for the case ({@code <case>.create}), then updates it with {@code ifMatch}. */
    static <C> void updateCase(Report report, Crud<C> crud, String caseName, String ifMatch) {
        C created = report.call(caseName + ".create", () -> crud.create(caseName));
        if (created != null) {
            report.call(caseName, () -> crud.update(crud.idOf(created), caseName, ifMatch));
        }
    }
}

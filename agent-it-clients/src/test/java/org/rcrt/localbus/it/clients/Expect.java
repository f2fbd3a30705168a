package org.rcrt.localbus.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.clients.Bodies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Pattern;

/** What issue 11 demands of every client, checked on a {@link ClientRun}: true events, and nothing else changed. */
final class Expect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(.*\\)\\s*$");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ClientRun run;
    private final String lib;

    Expect(ClientRun run, String lib) {
        this.run = run;
        this.lib = lib;
    }

    private String describe() {
        return run.with().run().describe();
    }

    /** Exactly one event for the case, with the id the server answered and the fields of the create. */
    void oneCreateEvent(String caseName) {
        List<JsonNode> events = run.with().eventsOf(caseName);
        assertThat(events).as("events of %s\n%s", caseName, describe()).hasSize(1);
        assertCreate(events.get(0), run.with().returnedId(caseName), caseName);
    }

    /** One event per id the case returned (a publisher subscribed n times makes n creates), each true. */
    void oneCreateEventPerReturnedId(String caseName, int expectedIds) {
        String line = run.with().outcome(caseName).orElseThrow();
        List<String> ids = UUID.matcher(line).results().map(java.util.regex.MatchResult::group).toList();
        assertThat(ids).as("ids returned by %s", caseName).hasSize(expectedIds).doesNotHaveDuplicates();
        List<JsonNode> events = run.with().eventsOf(caseName);
        assertThat(events).as("events of %s\n%s", caseName, describe()).hasSize(expectedIds);
        assertThat(events.stream().map(e -> e.path("breadcrumb_id").asText())).containsExactlyInAnyOrderElementsOf(ids);
        events.forEach(e -> assertCreate(e, e.path("breadcrumb_id").asText(), caseName));
    }

    private void assertCreate(JsonNode e, String id, String caseName) {
        String what = "event " + e + "\n" + describe();
        assertThat(e.path("type").asText()).as(what).isEqualTo("breadcrumb.updated");
        assertThat(e.path("breadcrumb_id").asText()).as(what).isEqualTo(id);
        assertThat(e.path("version").asLong()).as(what).isEqualTo(1);
        assertThat(e.path("schema_name").asText()).as(what).isEqualTo(Bodies.SCHEMA);
        assertThat(e.path("tags")).as(what).isEqualTo(JSON.valueToTree(Bodies.tags(lib)));
        String bodyCase = caseName.endsWith(".create") ? caseName.substring(0, caseName.length() - ".create".length()) : caseName;
        assertThat(e.path("context")).as(what).isEqualTo(JSON.valueToTree(Bodies.context(lib, bodyCase)));
    }

    /**
     * The case's create gives its event (version 1) and its update exactly one more: the same id, version 2, and
     * the record as RCRT holds it after the PATCH — each field the PATCH body sent (as it went on the wire,
     * empty containers included), the created value for each field it did not.
     */
    void oneUpdateEvent(String caseName) {
        List<JsonNode> updates = run.with().eventsOf(caseName).stream().filter(e -> e.path("version").asLong() != 1).toList();
        assertThat(updates).as("update events of %s\n%s", caseName, describe()).hasSize(1);
        JsonNode e = updates.get(0);
        JsonNode sent = patchSent(caseName);
        String what = "event " + e + "\nPATCH body sent " + sent + "\n" + describe();
        assertThat(e.path("breadcrumb_id").asText()).as(what).isEqualTo(run.with().returnedId(caseName + ".create"));
        assertThat(e.path("version").asLong()).as(what).isEqualTo(2);
        // RCRT applies the fields a PATCH sends; an explicit null is "not sent" (the server's Option fields), so the
        // stored value stays, as the dev server does too
        assertThat(e.path("schema_name").asText()).as(what)
                .isEqualTo(sent.hasNonNull("schema_name") ? sent.get("schema_name").asText() : Bodies.SCHEMA);
        assertThat(e.path("tags")).as(what).isEqualTo(sent.hasNonNull("tags") ? sent.get("tags") : JSON.valueToTree(Bodies.tags(lib)));
        assertThat(e.path("context")).as(what).isEqualTo(JSON.valueToTree(Bodies.patchedContext(lib, caseName)));
    }

    /** The body of the case's PATCH as the application's client sent it (with the agent). */
    private JsonNode patchSent(String caseName) {
        String marker = "\"case\":\"" + caseName + "\"";
        RcrtStandIn.Request patch = run.requestsWith().stream()
                .filter(r -> r.method().equals("PATCH") && r.body().replace(" ", "").contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no PATCH sent for " + caseName + ": " + run.requestsWith()));
        try {
            return JSON.readTree(patch.body());
        } catch (java.io.IOException ex) {
            throw new AssertionError("the PATCH body of " + caseName + " is not JSON: " + patch.body(), ex);
        }
    }

    /** Every event of the run names the owner of the client's bearer token. */
    void eventsCarryTheTokensOwner() {
        assertThat(run.with().events()).as(describe()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("owner_id").asText()).as("event %s", e).isEqualTo(Bodies.OWNER));
    }

    /** A create the server failed gives no event at all. */
    void noEvent(String caseName) {
        assertThat(run.with().eventsOf(caseName)).as("events of the failed %s\n%s", caseName, describe()).isEmpty();
    }

    /** An update the server refused (412) gives no update event: at most the event of the create before it. */
    void noUpdateEvent(String caseName) {
        List<JsonNode> events = run.with().eventsOf(caseName);
        assertThat(events).as("events of %s\n%s", caseName, describe()).hasSizeLessThanOrEqualTo(1)
                .allSatisfy(e -> assertThat(e.path("version").asLong()).as("event %s", e).isEqualTo(1));
    }

    /** A call the application never made happen (a publisher not subscribed, a Call not executed) sent nothing. */
    void nothingSent(String caseName) {
        String marker = "\"case\":\"" + caseName + "\"";
        assertThat(run.requestsWithout()).as("requests without the agent").noneMatch(r -> r.body().replace(" ", "").contains(marker));
        assertThat(run.requestsWith()).as("requests with the agent").noneMatch(r -> r.body().replace(" ", "").contains(marker));
        assertThat(run.with().eventsOf(caseName)).as(describe()).isEmpty();
    }

    /**
     * With the agent the application returns the same values, throws the same exceptions, sends the same requests,
     * and prints no stack trace.
     */
    void applicationUnchanged() {
        for (Observed o : List.of(run.without(), run.with())) {
            assertThat(o.run().exitCode()).as(o.run().describe()).isZero();
            assertThat(o.run().stdoutLines()).as(o.run().describe()).contains("DONE");
            assertThat(o.run().output().lines().filter(l -> STACK_FRAME.matcher(l).matches() || l.startsWith("Exception in thread")))
                    .as("stack traces\n%s", o.run().describe()).isEmpty();
        }
        assertThat(run.with().outcomes().stream().map(RcrtStandIn::withoutIds).toList())
                .as("what the application saw, with the agent\n%s", describe())
                .isEqualTo(run.without().outcomes().stream().map(RcrtStandIn::withoutIds).toList());
        assertThat(run.requestsWith()).as("requests on the wire, with the agent").isEqualTo(run.requestsWithout());
    }
}

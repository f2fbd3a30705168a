package org.rcrt.localbus.it.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rcrt.devserver.DevServerConfig;
import org.rcrt.devserver.RcrtDevServer;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * The rule of the local lane: a local event carries exactly what its SSE copy will carry, or it is marked
 * incomplete and never suppresses the SSE copy; when in doubt, nothing is emitted and SSE delivers as before.
 * Each case is ordinary client code, in a real forked JVM with the real agent, in async and in sync mode.
 */
class TruthIT {
    private static RcrtDevServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RcrtDevServer.start(DevServerConfig.defaults());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static ForkedJvm.Result run(String name, String dispatch, String main, String... args) {
        return ForkedJvm.builder(name + "-" + dispatch)
                .javaagent(ForkedJvm.agentJar())
                .systemProperty("rcrt.localbus.dispatch", dispatch)
                .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("com.example.truth." + main, args)
                .timeout(Duration.ofMinutes(2))
                .run();
    }

    private static void assertClean(ForkedJvm.Result r, String done) {
        assertThat(r.timedOut()).as("timed out\n%s", r).isFalse();
        assertThat(r.exitCode()).as("exit code\n%s", r).isZero();
        assertThat(r.required(done)).as(r.describe()).isEqualTo("true");
        assertThat(r.output()).as("no stack trace\n%s", r).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "dispatch={0}")
    @ValueSource(strings = {"async", "sync"})
    void localEventsEqualTheirSseCopiesAndIncompleteOnesNeverSuppressThem(String dispatch) {
        ForkedJvm.Result r = run("truth-wire", dispatch, "TruthWireApp", server.baseUri().toString());
        assertClean(r, "WIRE_DONE");
        assertThat(r.required("CREATE_LOCAL")).as(r.describe()).isEqualTo(r.required("CREATE_SSE"));
        assertThat(r.required("CREATE_COMPLETE")).isEqualTo("true");
        // an update of a record created here carries the record's full SSE fields, not the patch alone
        assertThat(r.required("KNOWN_UPDATE_LOCAL")).as(r.describe()).isEqualTo(r.required("KNOWN_UPDATE_SSE"));
        assertThat(r.required("KNOWN_UPDATE_LOCAL")).contains("\"schema_name\":\"wire.v1\"").contains("\"status\":\"claimed\"");
        assertThat(r.required("KNOWN_UPDATE_COMPLETE")).isEqualTo("true");
        // no If-Match: the version is unknown, the event says so
        assertThat(r.required("UNVERSIONED_COMPLETE")).isEqualTo("false");
        assertThat(r.required("UNVERSIONED_TAGS")).isEqualTo("[done]");
        // a record created elsewhere: incomplete locally, and the deduplicating subscriber still gets the SSE copy
        assertThat(r.required("FOREIGN_COMPLETE")).isEqualTo("false");
        assertThat(r.required("FOREIGN_SSE_SCHEMA")).isEqualTo("wire.v1");
        String deduped = r.required("DEDUPED");
        assertThat(deduped).as(r.describe()).containsPattern("@2 incomplete").containsPattern("@2[,\\]]");
        long fullCopies = List.of(deduped.substring(1, deduped.length() - 1).split(", ")).stream()
                .filter(k -> k.endsWith("@1") || k.endsWith("@2")).count();
        assertThat(fullCopies).as("each complete (id, version) once, plus the foreign one's SSE copies\n%s", deduped)
                .isEqualTo(4);
    }

    @ParameterizedTest(name = "dispatch={0}")
    @ValueSource(strings = {"async", "sync"})
    void ordinaryClientCodeGetsTrueEvents(String dispatch) {
        ForkedJvm.Result r = run("truth-shapes", dispatch, "TruthShapesApp");
        assertClean(r, "TRUTH_DONE");
        // a body object reused and mutated right after each call
        assertThat(r.requiredLong("REUSED_EVENTS")).as(r.describe()).isEqualTo(2000);
        assertThat(r.requiredLong("REUSED_WRONG")).as(r.describe()).isZero();
        // updates: the record's full fields; no version from a timeout; one event per overload chain
        assertThat(r.required("KNOWN_COMPLETE")).isEqualTo("true");
        assertThat(r.required("KNOWN_SCHEMA")).isEqualTo("task.v1");
        assertThat(r.required("KNOWN_TAGS")).isEqualTo("[tasks, t1]");
        assertThat(r.required("KNOWN_CONTEXT_STATUS")).isEqualTo("new");
        assertThat(r.requiredLong("TIMEOUT_VERSION")).isZero();
        assertThat(r.required("TIMEOUT_COMPLETE")).isEqualTo("false");
        assertThat(r.requiredLong("CHAIN_EVENTS")).isEqualTo(1);
        assertThat(r.required("PROVEN_COMPLETE")).isEqualTo("true");
        assertThat(r.required("PROVEN_TITLE")).isEqualTo("chained");
        assertThat(r.required("PROVEN_CONTEXT_STATUS")).isEqualTo("claimed");
        assertThat(r.required("UNKNOWN_COMPLETE")).isEqualTo("false");
        assertThat(r.required("UNKNOWN_SCHEMA")).isEqualTo("null");
        // whose call: the client that carried it, not the router or the proxy around it
        assertThat(r.requiredLong("ROUTED_EVENTS")).isEqualTo(1);
        assertThat(r.required("ROUTED_OWNER")).isEqualTo("bbbbbbbb-0000-0000-0000-00000000000b");
        assertThat(r.required("ROUTED_TO_OWNER_A")).isEqualTo("false");
        assertThat(r.requiredLong("PROXIED_EVENTS")).isEqualTo(1);
        assertThat(r.required("PROXIED_OWNER")).isEqualTo("aaaaaaaa-0000-0000-0000-00000000000a");
        // one event per application call, across threads
        assertThat(r.requiredLong("ASYNC_EVENTS")).as(r.describe()).isEqualTo(20);
        assertThat(r.required("ASYNC_IDS_MATCH")).isEqualTo("true");
        // a wrapper's fallback after its inner call failed on the other thread: nothing was created
        assertThat(r.requiredLong("FALLBACK_EVENTS")).as(r.describe()).isZero();
        // a method that merely shares the name: nothing, and nothing said
        assertThat(r.requiredLong("NAVIGATION_EVENTS")).isZero();
        assertThat(r.stderr()).as(r.describe()).doesNotContain("WARN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rcrt.localbus.sink.selector={not json", "rcrt.localbus.sink.owner=tenant-a"})
    void aBadSinkScopeFailsClosed(String setting) {
        String key = setting.substring(0, setting.indexOf('='));
        String value = setting.substring(setting.indexOf('=') + 1);
        ForkedJvm.Result r = ForkedJvm.builder("truth-scope")
                .javaagent(ForkedJvm.agentJar())
                .systemProperty("rcrt.localbus.sink", "com.example.truth.TruthSink#handleEvent")
                .systemProperty(key, value)
                .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("com.example.truth.SinkScopeApp")
                .timeout(Duration.ofMinutes(1))
                .run();
        assertClean(r, "SCOPE_DONE");
        assertThat(r.stderrLines()).as(r.describe())
                .filteredOn(l -> l.contains(" ERROR [rcrt-localbus] ")).singleElement().asString()
                .contains(key + "=" + value).contains("sinks get no local events");
        assertThat(r.requiredLong("LOCAL_SINK_CALLS")).isZero();
        assertThat(r.requiredLong("AFTER_SSE_CALL")).as("the SSE lane is unchanged").isEqualTo(1);
    }
}

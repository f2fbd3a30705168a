package org.rcrt.localbus.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot fat jar: the generated {@code restclient} client is a bean behind an aspect, so the application
 * holds a CGLIB proxy of it, and a {@code @Component} event bridge inside {@code BOOT-INF/classes} is the sink.
 */
class SpringBootClientIT {
    private static ClientRun run;
    private static Expect expect;

    @BeforeAll
    static void runBothWays() {
        Path jar = Paths.get(System.getProperty("boot.jar"));
        run = ClientRun.ofJar("boot", jar, com.example.clients.Crud.EVENTS, b -> ClientRun.generatedClient(b)
                .systemProperty("rcrt.localbus.sink", "com.example.boot.EventBridge#handleEvent"));
        expect = new Expect(run, "boot");
    }

    @Test
    void theClientBeanIsACglibProxy() {
        assertThat(run.with().outcomes()).as(run.with().run().describe()).contains("PROXY true");
    }

    @Test
    void eachCreateThroughTheProxyGivesOneTrueEventToTheBridge() {
        expect.oneCreateEvent("create");
        expect.oneCreateEvent("update.create");
        expect.oneCreateEvent("update-412.create");
    }

    @Test
    void eachUpdateThroughTheProxyGivesOneTrueEventToTheBridge() {
        expect.oneUpdateEvent("update");
    }

    @Test
    void eventsCarryTheOwnerOfTheProxiedClientsToken() {
        expect.eventsCarryTheTokensOwner();
    }

    @Test
    void aSinkInsideTheFatJarGivesNoClassPathWarning() {
        assertThat(run.with().run().stderrLines()).as(run.with().run().describe())
                .noneMatch(l -> l.contains("WARN") && l.contains("EventBridge"));
    }

    @Test
    void failedCallsGiveNoEvent() {
        expect.noEvent("create-500");
        expect.noUpdateEvent("update-412");
    }

    /**
     * The proxy returns the fallback aspect's placeholder normally, but the real client's call failed: the event
     * follows the real client, so there is none (why the generated proxy class itself is not woven).
     */
    @Test
    void aFallbackAnswerForAFailedCreateGivesNoEvent() {
        assertThat(run.with().outcomes()).as(run.with().run().describe())
                .anyMatch(l -> l.startsWith("RESULT fallback-500 ") && l.contains("00000000-0000-4000-8000-000000000000"));
        expect.noEvent("fallback-500");
    }

    @Test
    void theApplicationBehavesAsWithoutTheAgent() {
        expect.applicationUnchanged();
    }
}

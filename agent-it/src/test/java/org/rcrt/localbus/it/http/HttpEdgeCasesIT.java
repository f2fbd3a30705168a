package org.rcrt.localbus.it.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * HTTP edge cases against WireMock answering like RCRT: only calls that returned normally become local events —
 * never a 500, a 409 on a repeated Idempotency-Key, or a future that failed — and a slow answer becomes its event
 * once it returns. A breadcrumb created right before {@code main} returns is still delivered: JVM exit drains.
 */
class HttpEdgeCasesIT {
    private WireMockServer rcrt;

    @BeforeEach
    void startRcrtStandIn() {
        rcrt = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        rcrt.start();
        rcrt.stubFor(post(urlEqualTo("/breadcrumbs")).withHeader("X-Mode", equalTo("ok")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"11111111-1111-1111-1111-111111111111\"}")));
        rcrt.stubFor(post(urlEqualTo("/breadcrumbs")).withHeader("X-Mode", equalTo("fail")).atPriority(5)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"boom\"}")));
        rcrt.stubFor(post(urlEqualTo("/breadcrumbs")).withHeader("X-Mode", equalTo("slow")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"33333333-3333-3333-3333-333333333333\"}")));
        // The same Idempotency-Key twice: 200 the first time, 409 after, as RCRT answers.
        rcrt.stubFor(post(urlEqualTo("/breadcrumbs")).withHeader("Idempotency-Key", equalTo("key-1")).atPriority(1)
                .inScenario("idempotency").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("used")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"22222222-2222-2222-2222-222222222222\"}")));
        rcrt.stubFor(post(urlEqualTo("/breadcrumbs")).withHeader("Idempotency-Key", equalTo("key-1")).atPriority(1)
                .inScenario("idempotency").whenScenarioStateIs("used")
                .willReturn(aResponse().withStatus(409).withBody("{\"error\":\"duplicate Idempotency-Key\"}")));
    }

    @AfterEach
    void stop() {
        rcrt.stop();
    }

    @Test
    void onlyCallsThatReturnedNormallyBecomeEvents() {
        ForkedJvm.Result r = ForkedJvm.builder("http-edges")
                .javaagent(ForkedJvm.agentJar())
                .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("com.example.http.EdgeApp", rcrt.baseUrl())
                .timeout(Duration.ofMinutes(2))
                .run();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdoutLines()).as(r.describe()).contains("DONE");
        assertThat(r.requiredLong("FAILURES")).as("500, 409 and the failed future were exceptions").isEqualTo(3);
        List<String> events = r.stdoutLines().stream().filter(l -> l.startsWith("EVENT ")).toList();
        assertThat(events).as(r.describe()).containsExactlyInAnyOrder(
                "EVENT 11111111-1111-1111-1111-111111111111 edge.v1",
                "EVENT 33333333-3333-3333-3333-333333333333 edge.v1",
                "EVENT 22222222-2222-2222-2222-222222222222 edge.v1",
                "EVENT 33333333-3333-3333-3333-333333333333 edge.v1");
    }

    @Test
    void anEventCreatedRightBeforeMainReturnsIsDeliveredAtExit() {
        ForkedJvm.Result r = ForkedJvm.builder("exit-after-create")
                .javaagent(ForkedJvm.agentJar())
                .classpath(ForkedJvm.testClasses(), ForkedJvm.apiJar())
                .mainClass("com.example.http.ExitAfterCreateApp", rcrt.baseUrl())
                .timeout(Duration.ofMinutes(1))
                .run();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        List<String> lines = r.stdoutLines();
        assertThat(lines).as(r.describe()).containsSubsequence(
                "MAIN_RETURNS", "EVENT 11111111-1111-1111-1111-111111111111");
    }
}

package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Breadcrumbs marked {@code sensitivity: secret} with a password in their context, through the normal path and
 * every WARN path (throwing listener and sink, full queue, no-id method, bad input): at the default log level the
 * secret never appears anywhere in the child's stdout or stderr.
 */
class SecurityIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"noSink", "sink"})
    void aSecretInABreadcrumbNeverReachesTheLog(String variant) {
        String secret = "hunter2-" + UUID.randomUUID();
        ForkedJvm.Builder b = Hardening.withAgent("security-" + variant, "SecurityApp", secret, variant).jvmArgs("-Xmx1g");
        if (variant.equals("sink")) {
            b.systemProperty("rcrt.localbus.sink", "com.example.hardening.SecretBridge#handleEvent");
        }
        ForkedJvm.Result r = b.run();
        Hardening.assertCleanExit(r, "SECURITY_DONE");
        // the WARN paths really were taken
        assertThat(r.stderr()).as(r.describe())
                .contains("listener of 'leaky-thrower' threw")
                .contains("queue of 'tiny-queue' is full")
                .contains("no breadcrumb id found")
                .contains("could not be parsed");
        assertThat(r.requiredLong("LISTENER_ERRORS")).isPositive();
        assertThat(r.requiredLong("DROPPED")).isPositive();
        if (variant.equals("sink")) {
            assertThat(r.requiredLong("SINK_CALLS")).isPositive();
            assertThat(r.stderr()).contains("listener of 'sink com.example.hardening.SecretBridge#handleEvent@");
            assertThat(r.required("SSE_CALL_THREW")).isEqualTo("true");
        }
        assertThat(r.output()).as("the secret in the output").doesNotContain(secret).doesNotContain("hunter2")
                .doesNotContain("4111-1111").doesNotContain("2026-13-45");
    }
}

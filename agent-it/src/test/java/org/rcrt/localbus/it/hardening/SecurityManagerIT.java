package org.rcrt.localbus.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assumptions;
import org.rcrt.localbus.it.support.ForkedJvm;

/**
 * Under a security manager (JDK 17), the agent's classes carry the agent jar's code source, so a policy that
 * grants the agent jar its permissions lets it work, whatever the application itself may do; without such a grant
 * the agent says so, once, naming the class it could not handle.
 */
class SecurityManagerIT {
    /** The application may install a security manager and nothing else. */
    private static final String APP_GRANT = "grant codeBase \"file:%s/-\" {\n"
            + "  permission java.lang.RuntimePermission \"setSecurityManager\";\n};\n";
    private static final String AGENT_GRANT = "grant codeBase \"file:%s\" { permission java.security.AllPermission; };\n";

    @BeforeEach
    void onlyWhereTheSecurityManagerNeedsNoFlag() {
        // JDK 18 to 23 need -Djava.security.manager=allow for an application to install one; JDK 24 removed it.
        Assumptions.assumeTrue(Runtime.version().feature() < 18,
                "security manager tests run on JDK 17 only (18-23 need -Djava.security.manager=allow, 24+ has none)");
    }

    @ParameterizedTest(name = "dispatch={0}")
    @ValueSource(strings = {"async", "sync"})
    void aClientLoadedAfterTheApplicationInstallsASecurityManagerIsInstrumented(String dispatch, @TempDir Path dir)
            throws Exception {
        ForkedJvm.Result r = Hardening.withAgent("sm-installed-" + dispatch, "SecurityManagerApp", "install", "5")
                .systemProperty("java.security.policy", "=" + policy(dir, true))
                .systemProperty("rcrt.localbus.dispatch", dispatch)
                .run();
        assertDelivered(r);
    }

    @Test
    void withASecurityManagerFromTheStartAndAPolicyGrantingTheAgentJarTheAgentInstallsAndDelivers(@TempDir Path dir)
            throws Exception {
        ForkedJvm.Result r = Hardening.withAgent("sm-given", "SecurityManagerApp", "given", "5")
                .jvmArgs("-Djava.security.manager")
                .systemProperty("java.security.policy", "=" + policy(dir, true))
                .run();
        assertDelivered(r);
        assertThat(Hardening.agentLines(r, "INFO")).as(r.describe()).anyMatch(l -> l.contains("started"));
    }

    @Test
    void withoutAGrantForTheAgentJarOneWarnNamesTheClientAndTheApplicationRunsOn(@TempDir Path dir) throws Exception {
        ForkedJvm.Result r = Hardening.withAgent("sm-no-grant", "SecurityManagerApp", "install", "5")
                .systemProperty("java.security.policy", "=" + policy(dir, false))
                .run();
        Hardening.assertCleanExit(r, "DONE");
        assertThat(r.required("SECURITY_MANAGER")).isEqualTo("true");
        assertThat(r.requiredLong("CREATED")).isEqualTo(5);
        // One cause, so one WARN naming the first client class it hit (LateClient or its superclass): that the
        // transformer could not be built there, or (had it been built before the security manager came) that the
        // call could not be read.
        assertThat(Hardening.agentLines(r, "WARN").stream().filter(l -> l.contains("LateClient") || l.contains("MemoryClient")))
                .as("one WARN naming the client class\n%s", r).hasSize(1);
        assertThat(r.output()).as(r.describe()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    private static void assertDelivered(ForkedJvm.Result r) {
        Hardening.assertCleanExit(r, "DONE");
        Hardening.assertNoErrorsOrStackTraces(r);
        assertThat(r.required("SECURITY_MANAGER")).isEqualTo("true");
        assertThat(r.required("SHARED")).isEqualTo("true");
        assertThat(r.requiredLong("CREATED")).isEqualTo(5);
        assertThat(r.required("ALL_RECEIVED")).as(r.describe()).isEqualTo("true");
        assertThat(Hardening.agentLines(r, "WARN")).as(r.describe()).isEmpty();
    }

    private static Path policy(Path dir, boolean grantAgent) throws Exception {
        String text = String.format(APP_GRANT, ForkedJvm.testClasses())
                + (grantAgent ? String.format(AGENT_GRANT, ForkedJvm.agentJar()) : "");
        return Files.writeString(dir.resolve("app.policy"), text);
    }
}

package org.rcrt.localbus.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The agent jar as a command ({@code java -jar}), and the proof that its command line stays out of an agent run. */
class CommandLineIT {
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String[] exec(String... command) throws Exception {
        Path out = Files.createTempFile("cli-", ".out");
        Path err = Files.createTempFile("cli-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(AgentHarness.TIMEOUT_SECONDS * 6, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String[] result = {String.valueOf(p.waitFor()), Files.readString(out), Files.readString(err)};
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    @Test
    void theJarAnswersHelpAndVersion() throws Exception {
        String jar = AgentHarness.agentJar().toString();
        String[] help = exec(java(), "-jar", jar, "--help");
        assertThat(help[0]).as(help[2]).isEqualTo("0");
        assertThat(help[1]).startsWith("rcrt-localbus-agent ").contains("rcrt.localbus.queue.capacity  (RCRT_LOCALBUS_QUEUE_CAPACITY)  default: 10000");
        String[] version = exec(java(), "-jar", jar, "--version");
        assertThat(version[0]).isEqualTo("0");
        assertThat(version[1].trim()).matches("rcrt-localbus-agent \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void asAnAgentTheJarLoadsNothingOfItsCommandLine() throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-javaagent:" + AgentHarness.agentJar(),
                "-Xlog:class+load=info", "-cp", AgentHarness.testClasses().toString() + File.pathSeparator,
                Hello.class.getName()));
        String[] run = exec(command.toArray(String[]::new));
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[1]).as("the agent did start").contains("org.rcrt.localbus.agent.launcher.AgentLauncher")
                .contains("org.rcrt.localbus.agent.Installer").contains("hello");
        assertThat(run[1]).doesNotContain("org.rcrt.localbus.agent.cli.");
    }

    /** The smallest application. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }
}

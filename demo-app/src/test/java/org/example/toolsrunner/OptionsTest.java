package org.example.toolsrunner;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void defaults() throws Exception {
        Options options = Options.parse();
        assertThat(options.rcrtUrl()).isNull();
        assertThat(options.sseDelay()).isZero();
        assertThat(options.workflows()).isEqualTo(1);
        assertThat(options.toolsPerWorkflow()).isEqualTo(3);
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.remoteTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(Options.parse("--timeout=3s").remoteTimeout()).as("follows --timeout").isEqualTo(Duration.ofSeconds(3));
        assertThat(options.role()).isEqualTo(Options.Role.ALL);
        assertThat(options.tools()).containsExactly("echo", "random", "calculator");
        assertThat(options.ownerId()).isEqualTo(Options.DEFAULT_OWNER);
        assertThat(options.timeline()).isEqualTo(Timeline.Mode.ALL);
    }

    @Test
    void durationsInMillisecondsSecondsAndMinutes() throws Exception {
        assertThat(Options.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Options.duration("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Options.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Options.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Options.duration("0")).isZero();
        assertThatThrownBy(() -> Options.duration("20")).isInstanceOf(Options.UsageException.class);
        assertThatThrownBy(() -> Options.duration("soon")).isInstanceOf(Options.UsageException.class);
    }

    @Test
    void everyOption() throws Exception {
        Options options = Options.parse("--sse-delay=30s", "--workflows=3", "--tools-per-workflow=2", "--timeout=1s",
                "--remote-timeout=25s", "--role=tools", "--tools=echo", "--use-tools=calculator,echo", "--serve-for=5s", "--label=x",
                "--summary-json=out.json", "--quiet", "--agent-id=00000000-0000-0000-0000-000000000001");
        assertThat(options.sseDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.role()).isEqualTo(Options.Role.TOOLS);
        assertThat(options.tools()).isEqualTo(List.of("echo"));
        assertThat(options.useTools()).isEqualTo(List.of("calculator", "echo"));
        assertThat(options.serveFor()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.remoteTimeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(options.timeline()).isEqualTo(Timeline.Mode.NONE);
        assertThat(Options.parse("--timeline=first").timeline()).isEqualTo(Timeline.Mode.FIRST_WORKFLOW);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        for (String[] args : List.of(
                new String[] {"--workflows=-1"},
                new String[] {"--tools-per-workflow=0"},
                new String[] {"--role=boss"},
                new String[] {"--tools=echo,teleport"},
                new String[] {"--owner-id=not-a-uuid"},
                new String[] {"--rcrt-url=http://127.0.0.1:1", "--sse-delay=1s"},
                new String[] {"--no-such-option=1"},
                new String[] {"--quiet=yes"},
                new String[] {"--timeout"},
                new String[] {"positional"})) {
            assertThatThrownBy(() -> Options.parse(args)).as(String.join(" ", args)).isInstanceOf(Options.UsageException.class);
        }
    }

    @Test
    void badArgumentsExitWithTwo() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true));
        try {
            assertThat(ToolsRunnerApp.run(new String[] {"--workflows=many"}, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
        assertThat(errors.toString()).contains("--workflows must be").contains("usage:");
    }
}

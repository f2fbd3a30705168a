package org.rcrt.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RcrtDevServerMainTest {

    @Test
    void parsesEveryOption() {
        DevServerConfig config = RcrtDevServerMain.parse(new String[] {
            "--port=9000", "--host=0.0.0.0", "--sse-delay=60s", "--ping-interval=500ms", "--auth=disabled"});
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.sseDelay()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.pingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.authDisabled()).isTrue();
    }

    @Test
    void defaultsToPort8081WithJwtAuth() {
        DevServerConfig config = RcrtDevServerMain.parse(new String[0]);
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.authDisabled()).isFalse();
        assertThat(config.sseDelay()).isZero();
    }

    @Test
    void durationsAcceptMillisSecondsMinutesAndPlainSeconds() {
        assertThat(DurationArgument.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationArgument.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationArgument.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationArgument.parse("60")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsBadArguments() {
        for (String bad : new String[] {"--port=abc", "--port=70000", "--sse-delay=soon", "--auth=maybe",
            "--verbose=1", "port=1", "--ping-interval=0"}) {
            assertThatThrownBy(() -> RcrtDevServerMain.parse(new String[] {bad}))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

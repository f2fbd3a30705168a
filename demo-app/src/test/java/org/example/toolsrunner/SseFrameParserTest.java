package org.example.toolsrunner;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseFrameParserTest {

    private static List<String> frames(String... lines) {
        SseFrameParser parser = new SseFrameParser();
        List<String> frames = new ArrayList<>();
        for (String line : lines) {
            parser.acceptLine(line).ifPresent(frames::add);
        }
        return frames;
    }

    @Test
    void aDataLineAndABlankLineMakeAFrame() {
        assertThat(frames("data: {\"type\":\"ping\"}", "")).containsExactly("{\"type\":\"ping\"}");
    }

    @Test
    void noFrameUntilTheBlankLine() {
        assertThat(frames("data: {\"a\":1}")).isEmpty();
    }

    @Test
    void theSpaceAfterTheColonIsOptional() {
        assertThat(frames("data:{\"a\":1}", "")).containsExactly("{\"a\":1}");
    }

    @Test
    void severalDataLinesJoinWithNewlines() {
        assertThat(frames("data: {", "data: \"a\": 1", "data: }", "")).containsExactly("{\n\"a\": 1\n}");
    }

    @Test
    void commentsOtherFieldsAndStrayBlankLinesAreIgnored() {
        assertThat(frames(": keep-alive", "", "event: message", "id: 7", "retry: 1000", "data: x", "", "", "data: y", ""))
                .containsExactly("x", "y");
    }

    @Test
    void consecutiveFramesStaySeparate() {
        assertThat(frames("data: 1", "", "data: 2", "")).containsExactly("1", "2");
    }
}

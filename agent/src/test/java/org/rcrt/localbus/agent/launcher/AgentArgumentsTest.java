package org.rcrt.localbus.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void nothingGivenIsEmpty() {
        assertThat(AgentArguments.parse(null)).isEmpty();
        assertThat(AgentArguments.parse("")).isEmpty();
        assertThat(AgentArguments.parse("   ")).isEmpty();
    }

    @Test
    void keyValuePairs() {
        assertThat(AgentArguments.parse("dispatch=sync,queue.capacity=5"))
                .containsExactly(Map.entry("dispatch", "sync"), Map.entry("queue.capacity", "5"));
    }

    @Test
    void aSegmentWithoutEqualsContinuesThePreviousValue() {
        assertThat(AgentArguments.parse("methods=a,b,dispatch=sync"))
                .containsExactly(Map.entry("methods", "a,b"), Map.entry("dispatch", "sync"));
        assertThat(AgentArguments.parse("dispatch=sync,methods=createBreadcrumb,updateBreadcrumb,patchBreadcrumb"))
                .containsExactly(Map.entry("dispatch", "sync"),
                        Map.entry("methods", "createBreadcrumb,updateBreadcrumb,patchBreadcrumb"));
    }

    @Test
    void keysAndValuesAreTrimmed() {
        assertThat(AgentArguments.parse(" dispatch = sync , methods = a , b "))
                .containsExactly(Map.entry("dispatch", "sync"), Map.entry("methods", "a,b"));
    }

    @Test
    void onlyTheFirstEqualsSeparatesKeyFromValue() {
        assertThat(AgentArguments.parse("sink.owner=a=b")).containsExactly(Map.entry("sink.owner", "a=b"));
    }

    @Test
    void aJsonSelectorWithCommasSurvivesIntact() {
        String selector = "{\"schema_name\":\"tool.request.v1\",\"all_tags\":[\"a\",\"b\"]}";
        assertThat(AgentArguments.parse("sink.selector=" + selector + ",dispatch=sync"))
                .containsExactly(Map.entry("sink.selector", selector), Map.entry("dispatch", "sync"));
    }

    @Test
    void theLastOccurrenceOfAKeyWins() {
        assertThat(AgentArguments.parse("dispatch=sync,dispatch=async")).containsExactly(Map.entry("dispatch", "async"));
    }

    @Test
    void disabledByAgentArgument() {
        assertThat(AgentArguments.disabled(Map.of("enabled", "false"))).isTrue();
        assertThat(AgentArguments.disabled(Map.of("enabled", " FALSE "))).isTrue();
        assertThat(AgentArguments.disabled(Map.of("enabled", "true"))).isFalse();
        assertThat(AgentArguments.disabled(Map.of("enabled", "no"))).as("only 'false' switches off").isFalse();
    }

    @Test
    void disabledBySystemPropertyUnlessTheAgentArgumentSaysOtherwise() {
        assumeTrue(System.getenv("RCRT_LOCALBUS_ENABLED") == null);
        String previous = System.getProperty("rcrt.localbus.enabled");
        try {
            System.clearProperty("rcrt.localbus.enabled");
            assertThat(AgentArguments.disabled(Map.of())).isFalse();
            System.setProperty("rcrt.localbus.enabled", "false");
            assertThat(AgentArguments.disabled(Map.of())).isTrue();
            assertThat(AgentArguments.disabled(Map.of("enabled", "true"))).isFalse();
        } finally {
            if (previous == null) {
                System.clearProperty("rcrt.localbus.enabled");
            } else {
                System.setProperty("rcrt.localbus.enabled", previous);
            }
        }
    }
}

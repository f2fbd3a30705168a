package org.rcrt.localbus.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentProblemsTest {
    private final AgentLog log = AgentLog.get();

    @AfterEach
    void backToInfo() {
        AgentLog.setLevel("info");
    }

    @Test
    void keepsTheLastWarnAndErrorLinesEvenWhenTheLevelKeepsThemOffStderr() {
        AgentLog.setLevel("off");
        log.info("not a problem");
        log.warn("problem {} of a kind", "one");
        log.error("a second problem");
        assertThat(RecentProblems.lines()).last().asString().endsWith("ERROR [rcrt-localbus] a second problem");
        assertThat(RecentProblems.lines()).anyMatch(l -> l.endsWith("WARN [rcrt-localbus] problem one of a kind"))
                .noneMatch(l -> l.contains("not a problem"));
    }

    @Test
    void fillsPlaceholdersInOrderAndTakesALeftOverThrowableAsTheCause() {
        AgentLog.setLevel("off");
        log.warn("{} of {} done", 1, 2, new IllegalStateException("late"));
        log.warn("no placeholder", new java.io.IOException("disk"));
        log.warn("too few {} {}", "args");
        assertThat(RecentProblems.lines()).anyMatch(l -> l.endsWith(" WARN [rcrt-localbus] 1 of 2 done (java.lang.IllegalStateException: late)"))
                .anyMatch(l -> l.endsWith(" WARN [rcrt-localbus] no placeholder (java.io.IOException: disk)"))
                .anyMatch(l -> l.endsWith(" WARN [rcrt-localbus] too few args {}"));
        assertThat(RecentProblems.lines().get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*");
    }

    @Test
    void keepsAtMostTwentyNewestLast() {
        AgentLog.setLevel("off");
        for (int i = 0; i < 50; i++) {
            log.warn("numbered {}", i);
        }
        assertThat(RecentProblems.lines()).hasSize(RecentProblems.KEPT);
        assertThat(RecentProblems.lines().get(0)).endsWith("numbered 30");
        assertThat(RecentProblems.lines().get(RecentProblems.KEPT - 1)).endsWith("numbered 49");
    }
}

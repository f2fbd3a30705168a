package org.rcrt.localbus.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RecentProblemsTest {
    private final Logger log = LoggerFactory.getLogger("recent-problems-test");

    @AfterEach
    void backToInfo() {
        StderrServiceProvider.setLevel("info");
    }

    @Test
    void keepsTheLastWarnAndErrorLinesEvenWhenTheLevelKeepsThemOffStderr() {
        StderrServiceProvider.setLevel("off");
        log.info("not a problem");
        log.warn("problem {} of a kind", "one");
        log.error("a second problem");
        assertThat(RecentProblems.lines()).last().asString().endsWith("ERROR [rcrt-localbus] a second problem");
        assertThat(RecentProblems.lines()).anyMatch(l -> l.endsWith("WARN [rcrt-localbus] problem one of a kind"))
                .noneMatch(l -> l.contains("not a problem"));
    }

    @Test
    void keepsAtMostTwentyNewestLast() {
        StderrServiceProvider.setLevel("off");
        for (int i = 0; i < 50; i++) {
            log.warn("numbered {}", i);
        }
        assertThat(RecentProblems.lines()).hasSize(RecentProblems.KEPT);
        assertThat(RecentProblems.lines().get(0)).endsWith("numbered 30");
        assertThat(RecentProblems.lines().get(RecentProblems.KEPT - 1)).endsWith("numbered 49");
    }
}

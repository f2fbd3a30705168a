package org.rcrt.localbus.agent.dispatch;

import org.rcrt.localbus.internal.Diagnostics;
import org.rcrt.localbus.internal.RateLimiter;
import org.rcrt.localbus.agent.logging.AgentLog;

/** The bus's trouble reports, through the agent's logger, at most one line per kind and subscription every 30 s. */
public final class LoggingDiagnostics implements Diagnostics {
    private final AgentLog log;
    private final RateLimiter limiter = new RateLimiter(30_000_000_000L);

    public LoggingDiagnostics(AgentLog log) {
        this.log = log;
    }

    @Override
    public void listenerFailed(String subscription, String breadcrumbId, Throwable error) {
        if (limiter.allow("error:" + subscription)) {
            log.warn("listener of '{}' threw {} on breadcrumb {}; counted in stats, further failures are not logged for 30 s",
                    subscription, error.getClass().getName(), breadcrumbId);
        }
        log.debug("listener failure detail", error);
    }

    @Override
    public void dropped(String subscription, long droppedSoFar) {
        if (limiter.allow("drop:" + subscription)) {
            log.warn("queue of '{}' is full: events are dropped for it ({} so far); they still arrive through SSE",
                    subscription, droppedSoFar);
        }
    }
}

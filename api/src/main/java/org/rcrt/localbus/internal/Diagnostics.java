package org.rcrt.localbus.internal;

/**
 * Where the bus reports its own trouble. The api jar has no logging library (it may sit on the bootstrap class
 * path), so by default this goes to {@link System.Logger}; the agent installs one that logs through its own
 * logger. Implementations must never log event contents at INFO or above: breadcrumbs may hold secrets.
 */
public interface Diagnostics {
    /** A listener threw; called for every failure, implementations rate-limit. */
    void listenerFailed(String subscription, String breadcrumbId, Throwable error);

    /** An event was dropped for a subscriber whose queue was full; called for every drop, implementations rate-limit. */
    void dropped(String subscription, long droppedSoFar);

    /** Default: {@link System.Logger} at WARNING, at most one line per kind and subscription every 30 s. */
    static Diagnostics systemLogger() {
        return new Diagnostics() {
            private final RateLimiter limiter = new RateLimiter(30_000_000_000L);

            /** Looked up when there is something to say: the bus is created in every process the agent runs in. */
            private System.Logger log() {
                return System.getLogger("org.rcrt.localbus");
            }

            @Override
            public void listenerFailed(String subscription, String breadcrumbId, Throwable error) {
                if (limiter.allow("error:" + subscription)) {
                    log().log(System.Logger.Level.WARNING, "listener of subscription '" + subscription
                            + "' threw " + error.getClass().getName() + " on breadcrumb " + breadcrumbId
                            + " (counted in stats; further failures are not logged for 30 s)");
                }
            }

            @Override
            public void dropped(String subscription, long droppedSoFar) {
                if (limiter.allow("drop:" + subscription)) {
                    log().log(System.Logger.Level.WARNING, "queue of subscription '" + subscription
                            + "' is full: events are dropped for it (" + droppedSoFar + " so far); "
                            + "they still arrive through SSE");
                }
            }
        };
    }
}

package org.rcrt.localbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.rcrt.localbus.internal.DedupeWindow.Verdict.DEFERRED;
import static org.rcrt.localbus.internal.DedupeWindow.Verdict.DELIVER;
import static org.rcrt.localbus.internal.DedupeWindow.Verdict.DUPLICATE;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DedupeWindowTest {
    private static final long LONG_AGE = TimeUnit.MINUTES.toNanos(10);
    private static final Runnable NOTHING = () -> { };

    @Test
    void claimThenCompleteSuccessMarksSeen() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.seen("a", 1)).isFalse();
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.seen("a", 1)).as("not seen while only in flight").isFalse();
        w.complete("a", 1, true);
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.claim("a", 1, NOTHING)).as("same version again is a duplicate").isEqualTo(DUPLICATE);
        assertThat(w.claim("a", 0, NOTHING)).as("an older version is a duplicate").isEqualTo(DUPLICATE);
        assertThat(w.seen("a", 0)).isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        assertThat(w.seen("b", 1)).isFalse();
    }

    @Test
    void newerVersionIsClaimable() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        w.markSeen("a", 1);
        assertThat(w.claim("a", 2, NOTHING)).isEqualTo(DELIVER);
        w.complete("a", 2, true);
        assertThat(w.seen("a", 2)).isTrue();
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DUPLICATE);
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void failureOfFirstClaimForgetsTheId() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DELIVER);
        w.complete("a", 1, false);
        assertThat(w.seen("a", 1)).isFalse();
        assertThat(w.size()).isZero();
        assertThat(w.claim("a", 1, NOTHING)).as("the copy from the other lane gets through").isEqualTo(DELIVER);
        w.complete("a", 1, true);
        assertThat(w.seen("a", 1)).isTrue();
    }

    @Test
    void failureRollsBackToThePreviousVersion() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        w.markSeen("a", 1);
        assertThat(w.claim("a", 2, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.seen("a", 1)).as("previous version stays seen while v2 is in flight").isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        w.complete("a", 2, false);
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DUPLICATE);
        assertThat(w.claim("a", 2, NOTHING)).isEqualTo(DELIVER);
        w.complete("a", 2, true);
        assertThat(w.seen("a", 2)).isTrue();
    }

    @Test
    void completeOfAnUnknownClaimIsIgnored() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        w.complete("nobody", 1, false);
        w.markSeen("a", 3);
        w.complete("a", 3, false); // not in flight any more: must not roll back
        w.complete("a", 2, false);
        assertThat(w.seen("a", 3)).isTrue();
    }

    @Test
    void boundedByCount() {
        DedupeWindow w = new DedupeWindow(3, LONG_AGE);
        for (int i = 0; i < 20; i++) {
            assertThat(w.claim("id" + i, 1, NOTHING)).isEqualTo(DELIVER);
            assertThat(w.size()).isLessThanOrEqualTo(3);
            w.complete("id" + i, 1, true);
            assertThat(w.size()).isLessThanOrEqualTo(3);
        }
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.seen("id19", 1)).isTrue();
        assertThat(w.seen("id17", 1)).isTrue();
        assertThat(w.seen("id16", 1)).as("oldest evicted first").isFalse();
        assertThat(w.seen("id0", 1)).isFalse();
    }

    @Test
    void updatedEntriesAreEvictedLast() {
        DedupeWindow w = new DedupeWindow(2, LONG_AGE);
        w.markSeen("a", 1);
        w.markSeen("b", 1);
        w.markSeen("a", 2); // a is now the most recently updated
        w.markSeen("c", 1); // evicts b, the oldest
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.seen("a", 2)).isTrue();
        assertThat(w.seen("c", 1)).isTrue();
        assertThat(w.seen("b", 1)).isFalse();
    }

    @Test
    void boundedByAge() throws InterruptedException {
        DedupeWindow w = new DedupeWindow(1000, TimeUnit.MILLISECONDS.toNanos(1));
        w.markSeen("old", 1);
        Thread.sleep(50);
        assertThat(w.seen("old", 1)).as("expired entries are not seen").isFalse();
        w.markSeen("new", 1);
        assertThat(w.size()).as("the expired entry is evicted by the next claim").isEqualTo(1);
        assertThat(w.claim("old", 1, NOTHING)).as("an expired id can be delivered again").isEqualTo(DELIVER);
        w.complete("old", 1, true);
    }

    @Test
    void needsPositiveBounds() {
        assertThatThrownBy(() -> new DedupeWindow(0, LONG_AGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DedupeWindow(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCopyArrivingWhileItsVersionIsInFlightIsDeferredAndDroppedOnSuccess() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        List<String> ran = new ArrayList<>();
        assertThat(w.claim("a", 1, () -> ran.add("first"))).isEqualTo(DELIVER);
        assertThat(w.claim("a", 1, () -> ran.add("second"))).as("never waits: the copy is put aside").isEqualTo(DEFERRED);
        assertThat(w.claim("a", 1, () -> ran.add("replay"))).as("a replay of a kept copy").isEqualTo(DEFERRED);
        assertThat(w.complete("a", 1, true)).as("the first succeeded: the kept copy was a duplicate").isEmpty();
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(ran).isEmpty();
    }

    @Test
    void aDeferredCopyIsHandedBackWhenTheDeliveryInFlightFails() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        List<String> ran = new ArrayList<>();
        assertThat(w.claim("a", 1, () -> ran.add("local"))).isEqualTo(DELIVER);
        assertThat(w.claim("a", 1, () -> ran.add("sse"))).isEqualTo(DEFERRED);
        assertThat(w.claim("a", 1, () -> ran.add("sse replay"))).isEqualTo(DEFERRED);
        List<Runnable> released = w.complete("a", 1, false);
        released.forEach(Runnable::run);
        assertThat(ran).as("nothing lost, and one copy only").containsExactly("sse");
        assertThat(w.claim("a", 1, NOTHING)).as("the handed-back copy claims again").isEqualTo(DELIVER);
        assertThat(w.complete("a", 1, true)).isEmpty();
        assertThat(w.seen("a", 1)).isTrue();
    }

    @Test
    void aNewerVersionThanEveryClaimInFlightIsDeliveredAtOnce() {
        // a listener handling v1 updates the breadcrumb: its own v2 arrives while v1 is still in flight
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.claim("a", 2, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.complete("a", 2, true)).isEmpty();
        assertThat(w.complete("a", 1, true)).isEmpty();
        assertThat(w.seen("a", 2)).isTrue();
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DUPLICATE);
    }

    @Test
    void anOlderCopyWaitsForEveryNewerClaimInFlight() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        List<String> ran = new ArrayList<>();
        assertThat(w.claim("a", 3, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.claim("a", 5, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.claim("a", 4, () -> ran.add("v4"))).isEqualTo(DEFERRED);
        assertThat(w.complete("a", 3, false)).as("v5 still covers v4").isEmpty();
        assertThat(w.complete("a", 5, false)).hasSize(1).allSatisfy(Runnable::run);
        assertThat(ran).containsExactly("v4");
    }

    @Test
    void anOlderCopyIsADuplicateOnceANewerClaimSucceeds() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.claim("a", 5, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.claim("a", 4, () -> { throw new AssertionError("must not run"); })).isEqualTo(DEFERRED);
        assertThat(w.complete("a", 5, true)).isEmpty();
        assertThat(w.claim("a", 4, NOTHING)).isEqualTo(DUPLICATE);
    }

    @Test
    void withNoRoomToKeepACopyItIsDeliveredRatherThanLost() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.claim("a", 20, NOTHING)).isEqualTo(DELIVER);
        int deferred = 0;
        for (int v = 1; v < 20; v++) {
            if (w.claim("a", v, NOTHING) == DEFERRED) {
                deferred++;
            }
        }
        assertThat(deferred).as("a bounded number of copies is kept").isEqualTo(8);
        assertThat(w.claim("a", 19, NOTHING)).as("past the bound: delivered (at least once)").isEqualTo(DELIVER);
    }

    @Test
    void anEntryWithADeferredCopySurvivesTheFailureOfItsFirstClaim() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE);
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DELIVER);
        assertThat(w.claim("a", 1, NOTHING)).isEqualTo(DEFERRED);
        assertThat(w.complete("a", 1, false)).hasSize(1);
        assertThat(w.size()).as("forgotten once nothing is in flight or kept").isZero();
    }
}

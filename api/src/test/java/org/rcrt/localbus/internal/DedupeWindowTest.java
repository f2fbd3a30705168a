package org.rcrt.localbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DedupeWindowTest {
    private static final long LONG_AGE = TimeUnit.MINUTES.toNanos(10);
    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(20);

    @Test
    void claimThenCompleteSuccessMarksSeen() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        assertThat(w.seen("a", 1)).isFalse();
        assertThat(w.claim("a", 1)).isTrue();
        assertThat(w.seen("a", 1)).as("not seen while only in flight").isFalse();
        w.complete("a", 1, true);
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.claim("a", 1)).as("same version again is a duplicate").isFalse();
        assertThat(w.claim("a", 0)).as("an older version is a duplicate").isFalse();
        assertThat(w.seen("a", 0)).isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        assertThat(w.seen("b", 1)).isFalse();
    }

    @Test
    void newerVersionIsClaimable() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        w.markSeen("a", 1);
        assertThat(w.claim("a", 2)).isTrue();
        w.complete("a", 2, true);
        assertThat(w.seen("a", 2)).isTrue();
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.claim("a", 1)).isFalse();
        assertThat(w.size()).isEqualTo(1);
    }

    @Test
    void failureOfFirstClaimForgetsTheId() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        assertThat(w.claim("a", 1)).isTrue();
        w.complete("a", 1, false);
        assertThat(w.seen("a", 1)).isFalse();
        assertThat(w.size()).isZero();
        assertThat(w.claim("a", 1)).as("the copy from the other lane gets through").isTrue();
        w.complete("a", 1, true);
        assertThat(w.seen("a", 1)).isTrue();
    }

    @Test
    void failureRollsBackToThePreviousVersion() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        w.markSeen("a", 1);
        assertThat(w.claim("a", 2)).isTrue();
        assertThat(w.seen("a", 1)).as("previous version stays seen while v2 is in flight").isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        w.complete("a", 2, false);
        assertThat(w.seen("a", 1)).isTrue();
        assertThat(w.seen("a", 2)).isFalse();
        assertThat(w.claim("a", 1)).isFalse();
        assertThat(w.claim("a", 2)).isTrue();
        w.complete("a", 2, true);
        assertThat(w.seen("a", 2)).isTrue();
    }

    @Test
    void completeOfAnUnknownClaimIsIgnored() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        w.complete("nobody", 1, false);
        w.markSeen("a", 3);
        w.complete("a", 3, false); // not in flight any more: must not roll back
        w.complete("a", 2, false);
        assertThat(w.seen("a", 3)).isTrue();
    }

    @Test
    void boundedByCount() {
        DedupeWindow w = new DedupeWindow(3, LONG_AGE, 0);
        for (int i = 0; i < 20; i++) {
            assertThat(w.claim("id" + i, 1)).isTrue();
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
        DedupeWindow w = new DedupeWindow(2, LONG_AGE, 0);
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
        DedupeWindow w = new DedupeWindow(1000, TimeUnit.MILLISECONDS.toNanos(1), 0);
        w.markSeen("old", 1);
        Thread.sleep(50);
        assertThat(w.seen("old", 1)).as("expired entries are not seen").isFalse();
        w.markSeen("new", 1);
        assertThat(w.size()).as("the expired entry is evicted by the next claim").isEqualTo(1);
        assertThat(w.claim("old", 1)).as("an expired id can be delivered again").isTrue();
        w.complete("old", 1, true);
    }

    @Test
    void needsPositiveBounds() {
        assertThatThrownBy(() -> new DedupeWindow(0, LONG_AGE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DedupeWindow(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inFlightClaimWithoutWaitIsADuplicate() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, 0);
        assertThat(w.claim("a", 1)).isTrue();
        assertThat(w.claim("a", 1)).isFalse();
    }

    @Test
    void secondClaimWaitsForFirstAndSeesSuccess() throws Exception {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, LONG_WAIT);
        assertThat(w.claim("a", 1)).isTrue();
        CompletableFuture<Boolean> second = secondClaimOnAnotherThread(w);
        assertThat(second).as("the second claim waits for the first's outcome").isNotDone();
        w.complete("a", 1, true);
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(w.seen("a", 1)).isTrue();
    }

    @Test
    void secondClaimWaitsForFirstAndTakesOverOnFailure() throws Exception {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, LONG_WAIT);
        assertThat(w.claim("a", 1)).isTrue();
        CompletableFuture<Boolean> second = secondClaimOnAnotherThread(w);
        assertThat(second).isNotDone();
        w.complete("a", 1, false);
        assertThat(second.get(10, TimeUnit.SECONDS)).as("nothing lost: the second copy is delivered").isTrue();
        w.complete("a", 1, true);
        assertThat(w.seen("a", 1)).isTrue();
    }

    @Test
    void waitingClaimForOlderVersionSeesNewerSuccess() throws Exception {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, LONG_WAIT);
        assertThat(w.claim("a", 5)).isTrue();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<Boolean> older = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return w.claim("a", 4);
        }, runnable -> new Thread(runnable, "older-claim").start());
        awaitWaiting(waiter);
        w.complete("a", 5, true);
        assertThat(older.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void inFlightWaitIsBounded() {
        DedupeWindow w = new DedupeWindow(100, LONG_AGE, TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(w.claim("a", 1)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> w.claim("a", 1),
                runnable -> new Thread(runnable, "bounded-claim").start());
        assertThat(second.join()).as("gives up and assumes the first succeeds").isFalse();
    }

    /** Claims {@code ("a", 1)} again from a new thread and returns once that thread is waiting in the claim. */
    private static CompletableFuture<Boolean> secondClaimOnAnotherThread(DedupeWindow w) throws InterruptedException {
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            waiter.set(Thread.currentThread());
            return w.claim("a", 1);
        }, runnable -> new Thread(runnable, "second-claim").start());
        awaitWaiting(waiter);
        return second;
    }

    private static void awaitWaiting(AtomicReference<Thread> ref) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread t = ref.get();
            if (t != null && t.getState() == Thread.State.TIMED_WAITING) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("second claim never started waiting");
    }
}

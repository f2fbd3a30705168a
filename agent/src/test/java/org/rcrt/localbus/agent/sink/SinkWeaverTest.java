package org.rcrt.localbus.agent.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rcrt.localbus.agent.testing.WovenClasses.call;
import static org.rcrt.localbus.agent.testing.WovenClasses.classFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.agent.testing.WovenClasses;
import org.rcrt.localbus.bootstrap.SinkHook;

/**
 * Weaves real sink classes, defines them in a class loader of their own (so the JVM's verifier checks every woven
 * method and its stack map frames), runs them, and checks the hook's contract call by call.
 */
class SinkWeaverTest {
    private final Recorder recorder = new Recorder();

    @AfterEach
    void uninstall() {
        SinkHook.install(null);
    }

    /** A sink of the shapes the weaver meets; each body records that it ran. */
    public static class Sink {
        public final List<String> ran = new ArrayList<>();
        public static final IllegalStateException FAILURE = new IllegalStateException("body failed");

        public Sink() {
            this("default");
        }

        public Sink(String label) {
            ran.add("constructed " + label);
        }

        public void handleEvent(String event) {
            ran.add("void " + event);
            if (event.equals("throw")) {
                throw FAILURE;
            }
        }

        public String handleEvent(String event, long weight) {
            for (int i = 0; i < 2; i++) {
                if (event.isEmpty()) {
                    return "empty";
                }
            }
            ran.add("string " + event + " " + weight);
            return event + "@" + weight;
        }

        public int handleEvent(double score) {
            ran.add("int " + score);
            return (int) score;
        }

        public CompletableFuture<String> handleEvent(Object event) {
            ran.add("future " + event);
            return CompletableFuture.completedFuture("done " + event);
        }

        public static void handleEvent(String a, String b) {
            throw new AssertionError("a static method is never woven");
        }

        public void other(String event) {
            ran.add("other " + event);
        }
    }

    @Test
    void everyConstructorReportsTheInstanceOnceItIsBuilt() throws Throwable {
        Object sink = newSink();
        assertThat(recorder.calls).containsExactly("constructed " + Sink.class.getName(),
                "constructed " + Sink.class.getName()); // this(...) then its own return: the handler takes both
        assertThat(recorder.instances).containsOnly(sink);
    }

    @Test
    void aClaimedCallRunsTheBodyBetweenEnterAndExit() throws Throwable {
        Object sink = newSink();
        recorder.calls.clear();
        recorder.claim = "claim";
        assertThat(call(sink, "handleEvent", "e1", 3L)).isEqualTo("e1@3");
        call(sink, "handleEvent", "e2");
        assertThat(recorder.calls).containsExactly(
                "enter handleEvent(Ljava/lang/String;J)Ljava/lang/String; [e1, 3]", "exit claim null",
                "enter handleEvent(Ljava/lang/String;)V [e2]", "exit claim null");
        assertThat(ran(sink)).endsWith("string e1 3", "void e2");
    }

    @Test
    void aSkippedCallRunsNoBodyAndReturnsTheNoOpOfItsType() throws Throwable {
        Object sink = newSink();
        recorder.claim = SinkHook.SKIP;
        assertThat(call(sink, "handleEvent", "e", 1L)).isNull();
        assertThat(call(sink, "handleEvent", 2.5d)).isEqualTo(0);
        assertThat(((CompletableFuture<?>) call(sink, "handleEvent", (Object) 42))).isCompletedWithValue(null);
        call(sink, "handleEvent", "e");
        assertThat(ran(sink)).containsExactly("constructed default");
        assertThat(recorder.calls).noneMatch(c -> c.startsWith("exit"));
    }

    @Test
    void aReturnInsideALoopAndPrimitivesPassThrough() throws Throwable {
        Object sink = newSink();
        recorder.claim = "c";
        assertThat(call(sink, "handleEvent", "", 9L)).isEqualTo("empty");
        assertThat(call(sink, "handleEvent", 7.9d)).isEqualTo(7);
        assertThat(recorder.calls).contains("enter handleEvent(D)I [7.9]");
    }

    @Test
    void aFailingBodyReleasesItsClaimWithTheThrowableWhichReachesTheCallerUnchanged() throws Throwable {
        Object sink = newSink();
        recorder.claim = "claim";
        Object failure = sink.getClass().getField("FAILURE").get(null);
        assertThat(catchThrowable(() -> call(sink, "handleEvent", "throw"))).isSameAs(failure);
        assertThat(recorder.calls).last().isEqualTo("exit claim " + failure);
    }

    @Test
    void nothingTheHookThrowsReachesTheSink() throws Throwable {
        recorder.failing = true;
        Object sink = newSink(); // constructed() throws: swallowed
        assertThat(call(sink, "handleEvent", "e", 5L)).isEqualTo("e@5"); // enter() throws: the body runs as usual
        recorder.failing = false;
        recorder.claim = "claim";
        recorder.failingExit = true;
        assertThat(call(sink, "handleEvent", 3.0d)).isEqualTo(3); // exit() throws: the result is intact
        assertThat(catchThrowable(() -> call(sink, "handleEvent", "throw")))
                .isSameAs(sink.getClass().getField("FAILURE").get(null));
    }

    @Test
    void onlyTheSinkMethodIsWoven() throws Throwable {
        Object sink = newSink();
        recorder.calls.clear();
        call(sink, "other", "x");
        assertThat(recorder.calls).isEmpty();
    }

    // ---- helpers ----

    private Object newSink() throws Exception {
        SinkHook.install(recorder);
        String name = Sink.class.getName();
        byte[] woven = SinkWeaver.weave(classFile(Sink.class), "handleEvent");
        return WovenClasses.define(name, woven).getDeclaredConstructor().newInstance();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ran(Object sink) throws ReflectiveOperationException {
        return (List<String>) sink.getClass().getField("ran").get(sink);
    }

    private static final class Recorder implements SinkHook.Handler {
        final List<String> calls = new ArrayList<>();
        final List<Object> instances = new ArrayList<>();
        Object claim;
        boolean failing;
        boolean failingExit;

        @Override
        public void constructed(Object instance, String sinkClass) {
            if (failing) {
                throw new IllegalStateException("constructed failed");
            }
            calls.add("constructed " + sinkClass);
            instances.add(instance);
        }

        @Override
        public Object enter(Object instance, Object[] args, String method) {
            if (failing) {
                throw new IllegalStateException("enter failed");
            }
            calls.add("enter " + method + " " + Arrays.toString(args));
            return claim;
        }

        @Override
        public void exit(Object claim, Throwable thrown) {
            if (failingExit) {
                throw new IllegalStateException("exit failed");
            }
            calls.add("exit " + claim + " " + thrown);
        }
    }
}

package org.rcrt.localbus.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class ReturnShapeTest {
    interface DoneCallback extends Consumer<String> {}

    interface ResultCallback {
        void onSuccess(String id);
    }

    @SuppressWarnings("unused")
    static final class Shapes {
        String value(Map<String, Object> body) { return null; }
        CompletableFuture<String> future(Map<String, Object> body) { return null; }
        CompletionStage<String> stage(Map<String, Object> body) { return null; }
        Future<String> plainFuture(Map<String, Object> body) { return null; }
        void nothing(String id, Map<String, Object> patch) {}
        void withCallback(Map<String, Object> body, DoneCallback done) {}
        void withSuccessCallback(Map<String, Object> body, ResultCallback done) {}
    }

    private static ReturnShape shapeOf(String method) {
        MethodDescription m = TypeDescription.ForLoadedType.of(Shapes.class).getDeclaredMethods()
                .filter(net.bytebuddy.matcher.ElementMatchers.named(method)).getOnly();
        return ReturnShape.of(m);
    }

    @Test
    void theShapeComesFromTheDescriptorAndItsTypesHierarchy() {
        assertThat(shapeOf("value")).isEqualTo(ReturnShape.VALUE);
        assertThat(shapeOf("future")).as("CompletableFuture implements CompletionStage").isEqualTo(ReturnShape.COMPLETION_STAGE);
        assertThat(shapeOf("stage")).isEqualTo(ReturnShape.COMPLETION_STAGE);
        assertThat(shapeOf("plainFuture")).isEqualTo(ReturnShape.FUTURE);
        assertThat(shapeOf("nothing")).isEqualTo(ReturnShape.NOTHING);
        assertThat(shapeOf("withCallback")).as("no onSuccess/onResponse to follow").isEqualTo(ReturnShape.FOREIGN_CALLBACK);
        assertThat(shapeOf("withSuccessCallback")).isEqualTo(ReturnShape.CALLBACK);
    }

    @Test
    void theShapesTheAgentFollowsAreSupportedAndVoidOnlyForAnUpdate() {
        java.util.Set<ReturnShape> followed = java.util.EnumSet.of(ReturnShape.VALUE, ReturnShape.COMPLETION_STAGE,
                ReturnShape.REACTOR, ReturnShape.RETROFIT_CALL, ReturnShape.CALLBACK, ReturnShape.SUSPEND);
        for (ReturnShape shape : ReturnShape.values()) {
            boolean known = followed.contains(shape);
            assertThat(shape.supported(false)).as(shape.name()).isEqualTo(known);
            assertThat(shape.supported(true)).as(shape.name()).isEqualTo(known || shape == ReturnShape.NOTHING);
            assertThat(shape.verdict(false, "X")).startsWith(known ? "supported" : "unsupported");
        }
    }
}

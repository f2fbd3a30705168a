package org.rcrt.localbus.agent.interception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rcrt.localbus.agent.testing.WovenClasses.call;
import static org.rcrt.localbus.agent.testing.WovenClasses.classFile;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rcrt.localbus.agent.config.AgentConfig;
import org.rcrt.localbus.agent.testing.WovenClasses;
import org.rcrt.localbus.bootstrap.InterceptionHook;

/**
 * Weaves real class files of many shapes, defines them in a class loader of their own (so the JVM's verifier checks
 * every woven method and its stack map frames), runs them, and checks the hook's contract call by call.
 */
class ClientWeaverTest {
    private static final Set<String> METHODS = Set.of("createBreadcrumb", "updateBreadcrumb");
    private final Recorder recorder = new Recorder();

    @AfterEach
    void uninstall() {
        InterceptionHook.install(null);
    }

    @Test
    void aPlainMethodEntersWithItsArgumentsAndExitsWithItsResult() throws Throwable {
        Object client = newInstance(Shapes.Plain.class);
        assertThat(call(client, "createBreadcrumb", Map.of("title", "t"))).isEqualTo("id-{title=t}");
        assertThat(recorder.calls).containsExactly("enter " + Shapes.Plain.class.getName()
                + ".createBreadcrumb(Ljava/util/Map;)Ljava/lang/String; this [{title=t}]", "exit id-{title=t} null");
        assertThat(recorder.clients).containsExactly(client);
    }

    @Test
    void primitivesLongsAndDoublesArriveBoxedAndReturnAsTheyWere() throws Throwable {
        Object client = newInstance(Shapes.Primitives.class);
        recorder.returning = r -> "ignored for a primitive return";
        Object r = call(client, "createBreadcrumb", 7L, 2.5d, 3, true, 'c', (byte) 1, (short) 2, 1.5f);
        assertThat(r).isEqualTo(7L + 2 + 3 + 1 + 'c' + 1 + 2 + 1);
        assertThat(recorder.calls.get(0)).endsWith("[7, 2.5, 3, true, c, 1, 2, 1.5]");
        assertThat(recorder.calls.get(1)).isEqualTo("exit " + r + " null");
    }

    @Test
    void theBodysOwnTryCatchLoopsSwitchesAndMonitorsKeepWorking() throws Throwable {
        Object client = newInstance(Shapes.Branchy.class);
        assertThat(call(client, "createBreadcrumb", 5)).isEqualTo("loop 10 caught five switch-two");
        assertThat(call(client, "createBreadcrumb", -1)).isEqualTo("early");
        assertThat(recorder.calls).filteredOn(c -> c.startsWith("exit")).containsExactly(
                "exit loop 10 caught five switch-two null", "exit early null");
    }

    @Test
    void aLoopAtTheFirstInstructionVerifies() throws Throwable {
        Object client = newInstance(Shapes.LoopFirst.class);
        assertThat(call(client, "createBreadcrumb", 3)).isEqualTo(-2);
        assertThat(recorder.calls).hasSize(2);
    }

    @Test
    void anExceptionIsReportedAndRethrownUnchanged() throws Throwable {
        Object client = newInstance(Shapes.Throwing.class);
        Object failure = client.getClass().getField("FAILURE").get(null);
        Throwable thrown = catchThrowable(() -> call(client, "createBreadcrumb", "boom"));
        assertThat(thrown).isSameAs(failure);
        assertThat(recorder.calls).last().isEqualTo("exit null " + failure);
    }

    @Test
    void voidStaticAndArrayShapes() throws Throwable {
        Class<?> c = define(Shapes.StaticVoid.class);
        Method m = c.getMethod("updateBreadcrumb", String.class, String[].class, long.class);
        m.invoke(null, "id", new String[] {"a", "b"}, 3L);
        assertThat(recorder.calls.get(0)).contains("updateBreadcrumb(Ljava/lang/String;[Ljava/lang/String;J)V null [id, [a, b], 3]");
        assertThat(recorder.calls.get(1)).isEqualTo("exit null null");
        assertThat(recorder.clients).containsExactly((Object) null);
        assertThat(c.getField("LAST").get(null)).isEqualTo("id a,b 3");
    }

    @Test
    void theHandlerMayDecorateArgumentsAndTheReturnValue() throws Throwable {
        Object client = newInstance(Shapes.Plain.class);
        recorder.arguments = args -> args[0] = Map.of("title", "decorated");
        recorder.returning = r -> r + "+decorated";
        assertThat(call(client, "createBreadcrumb", Map.of("title", "t"))).isEqualTo("id-{title=decorated}+decorated");
    }

    @Test
    void whatTheHookGetsWrongNeverReachesTheApplication() throws Throwable {
        Object client = newInstance(Shapes.Plain.class);
        recorder.arguments = args -> args[0] = "not a map";
        recorder.returning = r -> 42; // not a String
        assertThat(call(client, "createBreadcrumb", Map.of("title", "t"))).isEqualTo("id-{title=t}");
    }

    @Test
    void constructorsAndOtherMethodsStayAsTheyWere() throws Throwable {
        Object client = newInstance(Shapes.Constructed.class);
        assertThat(recorder.calls).as("the constructor is not woven").isEmpty();
        assertThat(call(client, "other", "x")).isEqualTo("other x");
        assertThat(recorder.calls).as("neither is a method of another name").isEmpty();
        assertThat(call(client, "createBreadcrumb", "x")).isEqualTo("built x");
        assertThat(recorder.calls).hasSize(2);
        assertThat(ClientWeaver.weave(classFile(Shapes.Unrelated.class), METHODS, Set.of(), null)).isNull();
    }

    @Test
    void aRoutedMethodIsWovenByItsNameAndDescriptorWhateverItsName() throws Throwable {
        String name = Shapes.Constructed.class.getName();
        byte[] woven = ClientWeaver.weave(classFile(Shapes.Constructed.class), Set.of(),
                Set.of("other(Ljava/lang/String;)Ljava/lang/String;"), null);
        InterceptionHook.install(recorder);
        Object client = WovenClasses.define(name, woven).getDeclaredConstructor().newInstance();
        assertThat(call(client, "createBreadcrumb", "x")).isEqualTo("built x");
        assertThat(recorder.calls).as("a configured name is not woven when none is configured").isEmpty();
        assertThat(call(client, "other", "x")).isEqualTo("other x");
        assertThat(recorder.calls).containsExactly("enter " + name
                + ".other(Ljava/lang/String;)Ljava/lang/String; this [x]", "exit other x null");
        assertThat(ClientWeaver.weave(classFile(Shapes.Constructed.class), Set.of(),
                Set.of("other(Ljava/lang/Object;)Ljava/lang/String;"), null)).as("another descriptor").isNull();
    }

    @Test
    void anInterfaceDefaultMethodIsWovenAndVerifies() throws Throwable {
        Class<?> iface = define(Shapes.WithDefault.class);
        assertThat(iface.isInterface()).isTrue();
    }

    @Test
    void aProxyIsWovenOnlyWhenOneOfItsInterfacesIsInScope() throws IOException {
        byte[] plain = classFile(Shapes.Plain.class); // implements no interface
        AgentConfig defaults = AgentConfig.resolve(Map.of(), new Properties(), Map.of());
        ClientClassFilter anyName = new ClientClassFilter(List.copyOf(METHODS), defaults.include(), defaults.exclude());
        assertThat(ClientWeaver.weave(plain, METHODS, Set.of(), anyName)).isNull();
        assertThat(ClientWeaver.weave(classFile(Shapes.Implementing.class), METHODS, Set.of(), anyName))
                .as("its interface is the agent's own: never in scope").isNull();
        assertThat(ClientWeaver.weave(classFile(Shapes.ImplementingAnApplicationInterface.class), METHODS, Set.of(), anyName)).isNotNull();
        assertThat(ClientWeaver.weave(plain, Set.of("other"), Set.of(), null)).isNull();
    }

    @Test
    void theClassKeepsItsShape() throws Throwable {
        Class<?> original = Shapes.Branchy.class;
        Class<?> woven = define(original);
        assertThat(woven.getDeclaredFields()).hasSameSizeAs(original.getDeclaredFields());
        assertThat(woven.getDeclaredMethods()).hasSameSizeAs(original.getDeclaredMethods());
        assertThat(woven.getDeclaredConstructors()).hasSameSizeAs(original.getDeclaredConstructors());
    }

    @Test
    void returnsThatLeaveValuesUnderTheirResultAreWovenAndVerify() throws Throwable {
        for (int version : new int[] {Opcodes.V17, Opcodes.V1_5}) { // with stack map frames, and without
            recorder.calls.clear();
            Class<?> c = define(Leftovers.NAME, Leftovers.classFile(version));
            Object client = c.getDeclaredConstructor().newInstance();
            assertThat(call(client, "createBreadcrumb", "id-1")).isEqualTo("id-1");
            assertThat(call(client, "createBreadcrumb", (Object) null)).isEqualTo(Leftovers.SUSPENDED);
            assertThat(call(client, "updateBreadcrumb", 41L)).isEqualTo(41L);
            c.getMethod("createBreadcrumb", int.class, int.class).invoke(null, 3, 4);
            assertThat(recorder.calls).as("class file version %d", version).filteredOn(e -> e.startsWith("exit"))
                    .containsExactly("exit id-1 null", "exit " + Leftovers.SUSPENDED + " null", "exit 41 null",
                            "exit null null");
        }
    }

    @Test
    void withoutStackMapFramesABlockReachedOnlyFromBelowIsKnownFromAnEarlierPass() throws Throwable {
        Object client = define(Leftovers.NAME, Leftovers.reachedOnlyFromBelow()).getDeclaredConstructor().newInstance();
        assertThat(call(client, "createBreadcrumb", "id-2")).isEqualTo("id-2");
        assertThat(recorder.calls).last().isEqualTo("exit id-2 null");
    }

    @Test
    void aReturnWhoseStackCantBeFollowedLeavesTheClassAlone() {
        byte[] old = Leftovers.unreachableReturn();
        assertThat(catchThrowable(() -> ClientWeaver.weave(old, METHODS, Set.of(), null)))
                .isInstanceOf(ClientWeaver.UnsupportedShape.class).hasMessageContaining("createBreadcrumb");
    }

    // ---- helpers ----

    private Object newInstance(Class<?> shape) throws Exception {
        return define(shape).getDeclaredConstructor().newInstance();
    }

    private Class<?> define(Class<?> shape) throws IOException, ClassNotFoundException {
        return define(shape.getName(), classFile(shape));
    }

    private Class<?> define(String name, byte[] classFile) throws ClassNotFoundException {
        InterceptionHook.install(recorder);
        byte[] woven = ClientWeaver.weave(classFile, METHODS, Set.of(), null);
        assertThat(woven).as("woven %s", name).isNotNull();
        // initialised, so that the verifier checks it now
        return WovenClasses.define(name, woven);
    }

    private static final class Recorder implements InterceptionHook.Handler {
        final List<String> calls = new ArrayList<>();
        final List<Object> clients = new ArrayList<>();
        java.util.function.Consumer<Object[]> arguments = args -> {};
        UnaryOperator<Object> returning = UnaryOperator.identity();

        @Override
        public void entered(InterceptionHook.Frame frame) {
            calls.add("enter " + frame.method + " " + (frame.client == null ? "null" : "this") + " "
                    + java.util.Arrays.deepToString(frame.args));
            clients.add(frame.client);
            arguments.accept(frame.args);
        }

        @Override
        public Object exited(InterceptionHook.Frame frame, Object returned, Throwable thrown) {
            calls.add("exit " + returned + " " + thrown);
            return thrown == null ? returning.apply(returned) : returned;
        }
    }
}

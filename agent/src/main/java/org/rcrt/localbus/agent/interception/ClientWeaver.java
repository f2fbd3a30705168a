package org.rcrt.localbus.agent.interception;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the calls of {@link org.rcrt.localbus.bootstrap.InterceptionHook}'s contract into the configured methods
 * of one client class, with the ASM that Byte Buddy bundles and nothing else of Byte Buddy. The weavers (this
 * class and the sink's, on {@link WovenMethodVisitor} and its {@link OperandStack}) and the parser of
 * {@link HttpRoutes} (for an interface whose class file names an HTTP annotation) are the only ones that name ASM,
 * and they are first touched when a class passes the cheap filters: a process without an RCRT client or sink never
 * loads them.
 *
 * <p>Woven shape of {@code R m(P...)} (the hook's calls are each guarded, so nothing they throw reaches the
 * application; the original body's own exception table keeps precedence, as it comes first):
 * <pre>
 *   try { Object[] a = {p...}; f = InterceptionHook.enter(this|null, "t.m(d)", a); p_i = (P_i) a[i]; }
 *   catch (Throwable ignored) { f = null; }
 *   try { ...original body, each "return v" becoming "r = v; (pop what is left under v;) goto exit"... }
 *   catch (Throwable t) { if (f != null) try { f.closed = true; f.unwind(); InterceptionHook.exit(f, null, t); } catch (Throwable x) {} throw t; }
 *   exit: if (f != null) try { f.closed = true; f.unwind(); r = (R) InterceptionHook.exit(f, r, null); } catch (Throwable x) {} return r;
 * </pre>
 * {@code f.closed = true} is a field write, which can't overflow the stack; {@code f.unwind()} is a leaf call before
 * {@code exit}: when the thread is near its stack limit and the exit can't run, the chain still loses this call
 * (the hook skips closed frames at the next entry). A return that leaves values under its result (Kotlin's suspend
 * state machines do) drops them before the jump, as {@link OperandStack} follows the stack's sizes through the body;
 * no type is resolved for that either. New locals sit above the method's own {@code max_locals},
 * and every existing stack map frame is extended with them, so no frame has to be computed: no class is ever
 * loaded or resolved to weave one. The class keeps its shape (no field, no method added), as retransformation
 * requires.
 */
final class ClientWeaver {
    private static final String HOOK = "org/rcrt/localbus/bootstrap/InterceptionHook";
    private static final String FRAME = HOOK + "$Frame";
    private static final String ENTER = "(Ljava/lang/Object;Ljava/lang/String;[Ljava/lang/Object;)L" + FRAME + ";";
    private static final String EXIT = "(L" + FRAME + ";Ljava/lang/Object;L" + WovenMethodVisitor.THROWABLE + ";)Ljava/lang/Object;";

    private ClientWeaver() {}

    /** A method the weaver can't follow safely: the class is left as it is (one WARN names it). */
    static final class UnsupportedShape extends RuntimeException {
        UnsupportedShape(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The woven class file, or {@code null} when it has no method to weave.
     *
     * @param methods            names of the methods to weave (each concrete method of one of these names)
     * @param routed             more methods to weave, by name and descriptor (a proxy's, routed by its interface's
     *                           HTTP annotations)
     * @param proxyOf for a JDK proxy class, the filter one of its interfaces must pass; else {@code null}
     * @throws UnsupportedShape when a method returns with an operand stack that can't be followed (only in
     *                          unreachable code of a class file older than Java 6, which has no stack map frames)
     */
    static byte[] weave(byte[] classFile, Set<String> methods, Set<String> routed, ClientClassFilter proxyOf) {
        ClassReader reader = new ClassReader(classFile);
        if (proxyOf != null && !anyInScope(reader.getInterfaces(), proxyOf)) {
            return null;
        }
        Map<String, Integer> maxLocals = maxLocals(reader, methods, routed);
        if (maxLocals.isEmpty()) {
            return null;
        }
        // Without stack map frames (before Java 6), blocks reached only from further down need earlier passes
        Map<String, Map<Integer, byte[]>> stacks = (reader.readShort(6) & 0xffff) >= Opcodes.V1_6
                ? Map.of() : labelStacks(reader, maxLocals.keySet());
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String owner;
            private boolean frames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                owner = name;
                frames = (version & 0xffff) >= Opcodes.V1_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                Integer locals = maxLocals.get(name + descriptor);
                return locals == null ? mv : new WovenMethod(mv, owner, access, name, descriptor, locals, frames,
                        stacks.getOrDefault(name + descriptor, Map.of())).entry();
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    private static boolean anyInScope(String[] interfaces, ClientClassFilter filter) {
        for (String i : interfaces) {
            if (filter.interfaceInScope(i)) {
                return true;
            }
        }
        return false;
    }

    /** The method string the woven code passes to the hook: {@code com.acme.Client.createBreadcrumb(...)...}. */
    static String method(String owner, String nameAndDescriptor) {
        return owner.replace('/', '.') + "." + nameAndDescriptor;
    }

    /** {@code max_locals} of each method to weave, by name and descriptor: the woven locals go above them. */
    private static Map<String, Integer> maxLocals(ClassReader reader, Set<String> methods, Set<String> routed) {
        return WovenMethodVisitor.maxLocals(reader, new WovenMethodVisitor.Selection() {
            @Override
            public boolean weaves(int access, String name, String descriptor) {
                return methods.contains(name) || routed.contains(name + descriptor);
            }
        });
    }

    /**
     * For a class file without stack map frames: the operand stack at the labels of each method to weave, by label
     * ordinal. Each pass over the code learns the stack at the labels it jumps to; a block reached only by a jump
     * further down is known in the next pass. Passes repeat while they learn something (a bounded few).
     */
    private static Map<String, Map<Integer, byte[]>> labelStacks(ClassReader reader, Set<String> woven) {
        Map<String, Map<Integer, byte[]>> stacks = new HashMap<>();
        for (int pass = 0; pass < 16; pass++) {
            Map<String, OperandStack> followed = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    String key = name + descriptor;
                    if (!woven.contains(key)) {
                        return null;
                    }
                    OperandStack stack = new OperandStack(null, stacks.getOrDefault(key, Map.of()));
                    followed.put(key, stack);
                    return stack;
                }
            }, ClassReader.EXPAND_FRAMES);
            boolean learned = false;
            for (Map.Entry<String, OperandStack> e : followed.entrySet()) {
                Map<Integer, byte[]> after = e.getValue().labelStacks();
                learned |= after.size() > stacks.getOrDefault(e.getKey(), Map.of()).size();
                stacks.put(e.getKey(), after);
            }
            if (!learned) {
                break;
            }
        }
        return stacks;
    }

    /** One woven method; see the class comment for the shape. */
    private static final class WovenMethod extends WovenMethodVisitor {
        private final boolean isStatic;
        private final String method;
        /** Slots: the frame (the body's woven local), the argument array, then the return value or the throwable. */
        private final int frameSlot;
        private final int argsSlot;

        WovenMethod(MethodVisitor mv, String owner, int access, String name, String descriptor, int maxLocals,
                    boolean frames, Map<Integer, byte[]> earlierStacks) {
            super(mv, owner, descriptor, maxLocals, FRAME, maxLocals + 2, frames, earlierStacks);
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.method = method(owner, name + descriptor);
            this.frameSlot = maxLocals;
            this.argsSlot = maxLocals + 1;
        }

        @Override
        protected RuntimeException unfollowableReturn() {
            return new UnsupportedShape(method + " returns where its operand stack can't be followed "
                    + "(unreachable code in a class file without stack map frames)");
        }

        @Override
        protected void prologue() {
            Enter enter = beginEnter();
            push(params.length);
            super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            int slot = isStatic ? 0 : 1;
            for (int i = 0; i < params.length; i++) {
                insn(Opcodes.DUP);
                push(i);
                super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
                box(params[i]);
                insn(Opcodes.AASTORE);
                slot += params[i].getSize();
            }
            super.visitVarInsn(Opcodes.ASTORE, argsSlot);
            if (isStatic) {
                insn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }
            super.visitLdcInsn(method);
            super.visitVarInsn(Opcodes.ALOAD, argsSlot);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "enter", ENTER, false);
            super.visitVarInsn(Opcodes.ASTORE, frameSlot);
            slot = isStatic ? 0 : 1;
            for (int i = 0; i < params.length; i++) { // the handler may have decorated a reference argument
                int sort = params[i].getSort();
                if (sort == Type.OBJECT || sort == Type.ARRAY) {
                    super.visitVarInsn(Opcodes.ALOAD, argsSlot);
                    push(i);
                    insn(Opcodes.AALOAD);
                    super.visitTypeInsn(Opcodes.CHECKCAST, params[i].getInternalName());
                    super.visitVarInsn(Opcodes.ASTORE, slot);
                }
                slot += params[i].getSize();
            }
            endEnter(enter, isStatic, body);
            insn(Opcodes.NOP); // an original frame at the body's first instruction gets an offset of its own
        }

        @Override
        protected void epilogue() {
            emitExit();
            emitThrown();
        }

        /** Where every return of the body goes: unwind, exit, return what the hook answered. */
        private void emitExit() {
            boolean isVoid = returned.getSort() == Type.VOID;
            Object[] locals = exitLocals(isVoid ? null : frameType(returned));
            super.visitLabel(exit);
            frame(locals);
            Guard call = beginGuarded(frameSlot);
            closeFrame();
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            if (isVoid) {
                insn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), valueSlot);
                box(returned);
            }
            insn(Opcodes.ACONST_NULL);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            if (returned.getSort() == Type.OBJECT || returned.getSort() == Type.ARRAY) {
                super.visitTypeInsn(Opcodes.CHECKCAST, returned.getInternalName());
                super.visitVarInsn(Opcodes.ASTORE, valueSlot);
            } else {
                insn(Opcodes.POP); // a primitive is returned as it was
            }
            endGuarded(call, locals);
            if (isVoid) {
                insn(Opcodes.RETURN);
            } else {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), valueSlot);
                insn(returned.getOpcode(Opcodes.IRETURN));
            }
        }

        /** The handler around the whole body: unwind, exit with the throwable, rethrow it unchanged. */
        private void emitThrown() {
            Object[] locals = exitLocals(THROWABLE);
            super.visitLabel(thrown);
            frame(exitLocals(null), THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, valueSlot);
            Guard call = beginGuarded(frameSlot);
            closeFrame();
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            insn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            insn(Opcodes.POP);
            endGuarded(call, locals);
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            insn(Opcodes.ATHROW);
        }

        /**
         * {@code f.closed = true; f.unwind();}. The field write comes first: it pushes no stack frame, so it holds
         * even when the calls after it can't run, and the hook skips a closed frame at the next entry.
         */
        private void closeFrame() {
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            insn(Opcodes.ICONST_1);
            super.visitFieldInsn(Opcodes.PUTFIELD, FRAME, "closed", "Z");
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, FRAME, "unwind", "()V", false);
        }
    }
}

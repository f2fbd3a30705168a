package org.rcrt.localbus.agent.interception;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Weaves the calls of {@link org.rcrt.localbus.bootstrap.InterceptionHook}'s contract into the configured methods
 * of one client class, with the ASM that Byte Buddy bundles and nothing else of Byte Buddy. This class, the
 * {@link OperandStack} it uses and the parser of {@link HttpRoutes} (for an interface whose class file names an
 * HTTP annotation) are the only ones that name ASM, and they are first touched when a class passes the cheap
 * filters: a process without an RCRT client never loads them.
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
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String ENTER = "(Ljava/lang/Object;Ljava/lang/String;[Ljava/lang/Object;)L" + FRAME + ";";
    private static final String EXIT = "(L" + FRAME + ";Ljava/lang/Object;L" + THROWABLE + ";)Ljava/lang/Object;";

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
                        stacks.getOrDefault(name + descriptor, Map.of())).stack;
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
        Map<String, Integer> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
                        || !(methods.contains(name) || routed.contains(name + descriptor))) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        out.put(name + descriptor, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return out;
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
    private static final class WovenMethod extends MethodVisitor {
        private final boolean isStatic;
        private final Type[] params;
        private final Type returned;
        private final String method;
        private final String owner;
        private final boolean frames;
        /** Slots: the frame, the argument array, then the return value or the thrown throwable. */
        private final int frameSlot;
        private final int argsSlot;
        private final int valueSlot;
        private final Label body = new Label();
        private final Label bodyEnd = new Label();
        private final Label thrown = new Label();
        private final Label exit = new Label();
        /**
         * The body's operand stack, so that a return can drop what it leaves under its result: the reader's
         * instructions pass through it first, and it moves along only after this visitor has seen each one.
         */
        final OperandStack stack;
        private boolean started;

        WovenMethod(MethodVisitor mv, String owner, int access, String name, String descriptor, int maxLocals,
                    boolean frames, Map<Integer, byte[]> earlierStacks) {
            super(Opcodes.ASM9, mv);
            this.stack = new OperandStack(this, earlierStacks);
            this.owner = owner;
            this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
            this.params = Type.getArgumentTypes(descriptor);
            this.returned = Type.getReturnType(descriptor);
            this.method = method(owner, name + descriptor);
            this.frames = frames;
            this.frameSlot = maxLocals;
            this.argsSlot = maxLocals + 1;
            this.valueSlot = maxLocals + 2;
        }

        /**
         * The prologue, at the first instruction: ASM visits the method's own exception table before that, so the
         * woven handler around the body comes after the body's own handlers, and never takes their exceptions.
         */
        private void start() {
            if (started) {
                return;
            }
            started = true;
            Label enterStart = new Label();
            Label enterEnd = new Label();
            Label enterFailed = new Label();
            super.visitTryCatchBlock(enterStart, enterEnd, enterFailed, THROWABLE);
            super.visitTryCatchBlock(body, bodyEnd, thrown, THROWABLE);
            super.visitLabel(enterStart);
            push(params.length);
            super.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            int slot = isStatic ? 0 : 1;
            for (int i = 0; i < params.length; i++) {
                super.visitInsn(Opcodes.DUP);
                push(i);
                super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
                box(params[i]);
                super.visitInsn(Opcodes.AASTORE);
                slot += params[i].getSize();
            }
            super.visitVarInsn(Opcodes.ASTORE, argsSlot);
            if (isStatic) {
                super.visitInsn(Opcodes.ACONST_NULL);
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
                    super.visitInsn(Opcodes.AALOAD);
                    super.visitTypeInsn(Opcodes.CHECKCAST, params[i].getInternalName());
                    super.visitVarInsn(Opcodes.ASTORE, slot);
                }
                slot += params[i].getSize();
            }
            super.visitLabel(enterEnd);
            super.visitJumpInsn(Opcodes.GOTO, body);
            super.visitLabel(enterFailed);
            frame(entryLocals(false), THROWABLE);
            super.visitInsn(Opcodes.POP);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ASTORE, frameSlot);
            super.visitLabel(body);
            frame(entryLocals(true));
            super.visitInsn(Opcodes.NOP); // an original frame at the body's first instruction gets an offset of its own
        }

        /** {@code this} and the parameters as they are on entry; with the frame slot, padded up to it. */
        private Object[] entryLocals(boolean withFrame) {
            Object[] locals = new Object[frameSlot + 1 + (isStatic ? 0 : 1) + params.length];
            int n = 0;
            int slots = 0;
            if (!isStatic) {
                locals[n++] = owner;
                slots++;
            }
            for (Type p : params) {
                locals[n++] = frameType(p);
                slots += p.getSize();
            }
            if (!withFrame) {
                return Arrays.copyOf(locals, n);
            }
            while (slots++ < frameSlot) {
                locals[n++] = Opcodes.TOP;
            }
            locals[n++] = FRAME;
            return Arrays.copyOf(locals, n);
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            start();
            Object[] locals = new Object[frameSlot + 1];
            int n = 0;
            int slots = 0;
            for (int i = 0; i < numLocal; i++) {
                locals[n++] = local[i];
                slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            while (slots++ < frameSlot) {
                locals[n++] = Opcodes.TOP;
            }
            locals[n++] = FRAME;
            super.visitFrame(Opcodes.F_NEW, n, locals, numStack, stack);
        }

        @Override
        public void visitInsn(int opcode) {
            start();
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                boolean isVoid = opcode == Opcodes.RETURN;
                byte[] under = stack.below(isVoid ? 0 : 1);
                if (under == null) {
                    throw new UnsupportedShape(method + " returns where its operand stack can't be followed "
                            + "(unreachable code in a class file without stack map frames)");
                }
                if (!isVoid) {
                    super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), valueSlot);
                }
                // A return may leave values under its result (Kotlin's state machines, generated proxies); the
                // shared exit has an empty stack, so they are dropped here, as the return itself would drop them
                for (byte size : under) {
                    super.visitInsn(size == 2 ? Opcodes.POP2 : Opcodes.POP);
                }
                super.visitJumpInsn(Opcodes.GOTO, exit);
            } else {
                super.visitInsn(opcode);
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            start();
            super.visitLabel(bodyEnd);
            emitExit();
            emitThrown();
            super.visitMaxs(maxStack, maxLocals);
        }

        /** Where every return of the body goes: unwind, exit, return what the hook answered. */
        private void emitExit() {
            boolean isVoid = returned.getSort() == Type.VOID;
            Object[] locals = myLocals(isVoid ? null : frameType(returned));
            Label callStart = new Label();
            Label callEnd = new Label();
            Label callFailed = new Label();
            Label ret = new Label();
            super.visitTryCatchBlock(callStart, callEnd, callFailed, THROWABLE);
            super.visitLabel(exit);
            frame(locals);
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitJumpInsn(Opcodes.IFNULL, ret);
            super.visitLabel(callStart);
            // f.closed = true first: a field write pushes no stack frame, so it holds even when the calls below
            // can't run, and the hook skips a closed frame at the next entry
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitInsn(Opcodes.ICONST_1);
            super.visitFieldInsn(Opcodes.PUTFIELD, FRAME, "closed", "Z");
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, FRAME, "unwind", "()V", false);
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            if (isVoid) {
                super.visitInsn(Opcodes.ACONST_NULL);
            } else {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), valueSlot);
                box(returned);
            }
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            if (returned.getSort() == Type.OBJECT || returned.getSort() == Type.ARRAY) {
                super.visitTypeInsn(Opcodes.CHECKCAST, returned.getInternalName());
                super.visitVarInsn(Opcodes.ASTORE, valueSlot);
            } else {
                super.visitInsn(Opcodes.POP); // a primitive is returned as it was
            }
            super.visitLabel(callEnd);
            super.visitJumpInsn(Opcodes.GOTO, ret);
            super.visitLabel(callFailed);
            frame(locals, THROWABLE);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(ret);
            frame(locals);
            if (isVoid) {
                super.visitInsn(Opcodes.RETURN);
            } else {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), valueSlot);
                super.visitInsn(returned.getOpcode(Opcodes.IRETURN));
            }
        }

        /** The handler around the whole body: unwind, exit with the throwable, rethrow it unchanged. */
        private void emitThrown() {
            Object[] locals = myLocals(THROWABLE);
            Label callStart = new Label();
            Label callEnd = new Label();
            Label callFailed = new Label();
            Label rethrow = new Label();
            super.visitTryCatchBlock(callStart, callEnd, callFailed, THROWABLE);
            super.visitLabel(thrown);
            frame(myLocals(null), THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, valueSlot);
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitJumpInsn(Opcodes.IFNULL, rethrow);
            super.visitLabel(callStart);
            // f.closed = true first: a field write pushes no stack frame, so it holds even when the calls below
            // can't run, and the hook skips a closed frame at the next entry
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitInsn(Opcodes.ICONST_1);
            super.visitFieldInsn(Opcodes.PUTFIELD, FRAME, "closed", "Z");
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, FRAME, "unwind", "()V", false);
            super.visitVarInsn(Opcodes.ALOAD, frameSlot);
            super.visitInsn(Opcodes.ACONST_NULL);
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(callEnd);
            super.visitJumpInsn(Opcodes.GOTO, rethrow);
            super.visitLabel(callFailed);
            frame(locals, THROWABLE);
            super.visitInsn(Opcodes.POP);
            super.visitLabel(rethrow);
            frame(locals);
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            super.visitInsn(Opcodes.ATHROW);
        }

        /** The body's locals all unknown, then the frame, and the value slot's type unless it is {@code null}. */
        private Object[] myLocals(Object value) {
            Object[] locals = new Object[frameSlot + (value == null ? 1 : 3)];
            Arrays.fill(locals, 0, frameSlot, Opcodes.TOP);
            locals[frameSlot] = FRAME;
            if (value != null) {
                locals[argsSlot] = Opcodes.TOP;
                locals[valueSlot] = value;
            }
            return locals;
        }

        private void frame(Object[] locals, Object... stack) {
            if (frames) {
                super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
            }
        }

        private void push(int value) {
            if (value <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, value);
            } else {
                super.visitIntInsn(Opcodes.SIPUSH, value);
            }
        }

        private void box(Type t) {
            String wrapper = switch (t.getSort()) {
                case Type.BOOLEAN -> "java/lang/Boolean";
                case Type.BYTE -> "java/lang/Byte";
                case Type.CHAR -> "java/lang/Character";
                case Type.SHORT -> "java/lang/Short";
                case Type.INT -> "java/lang/Integer";
                case Type.LONG -> "java/lang/Long";
                case Type.FLOAT -> "java/lang/Float";
                case Type.DOUBLE -> "java/lang/Double";
                default -> null;
            };
            if (wrapper != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, wrapper, "valueOf", "(" + t.getDescriptor() + ")L" + wrapper + ";", false);
            }
        }

        private static Object frameType(Type t) {
            return switch (t.getSort()) {
                case Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT, Type.INT -> Opcodes.INTEGER;
                case Type.LONG -> Opcodes.LONG;
                case Type.FLOAT -> Opcodes.FLOAT;
                case Type.DOUBLE -> Opcodes.DOUBLE;
                default -> t.getInternalName();
            };
        }

        // ---- every other instruction first makes sure the prologue is in ----

        @Override
        public void visitLabel(Label label) {
            start();
            super.visitLabel(label);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            start();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            start();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            start();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            start();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            start();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            start();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            start();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            start();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            start();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            start();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            start();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            start();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}

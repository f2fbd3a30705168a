package org.rcrt.localbus.agent.interception;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * What the client and the sink weavers share for one woven method: the prologue goes in before the body's first
 * instruction, label or frame — ASM has visited the body's own exception table by then, so the woven handler
 * around the body comes after the body's handlers and never takes their exceptions — and each return of the body
 * becomes a jump to the woven exit, which sits outside every range of the body. New locals go above the method's
 * own {@code max_locals}; every stack map frame of the body is extended with the one that lives through it.
 */
public abstract class WovenMethodVisitor extends MethodVisitor {
    protected static final String THROWABLE = "java/lang/Throwable";

    /** The internal name of the woven class, the method's parameters and return type. */
    protected final String owner;
    protected final Type[] params;
    protected final Type returned;
    /** The woven local that lives through the body (above the method's own locals), and its frame type. */
    protected final int bodySlot;
    private final Object bodySlotType;
    /** The body's range (for the woven handler around it, at {@link #thrown}), and its returns' shared exit. */
    protected final Label body = new Label();
    protected final Label bodyEnd = new Label();
    protected final Label thrown = new Label();
    /** Where the body's returns jump to, their value stored in {@link #valueSlot}. */
    protected final Label exit = new Label();
    protected final int valueSlot;
    /** The body's operand stack, followed so that a return can drop what it leaves under its result. */
    private final OperandStack stack;
    /** Whether the class file has stack map frames (Java 6 on): the woven code then gets its own too. */
    private final boolean frames;
    private boolean started;

    /**
     * @param bodySlot      the method's own {@code max_locals}: the first woven local, the one that lives through the body
     * @param valueSlot     the local of the returned value (or the thrown throwable), at or above {@code bodySlot + 1}
     * @param earlierStacks for a class file without frames, the stacks at the body's labels that earlier passes
     *                      over the same method found (see {@link OperandStack}); empty otherwise
     */
    protected WovenMethodVisitor(MethodVisitor mv, String owner, String descriptor, int bodySlot, Object bodySlotType,
                                 int valueSlot, boolean frames, Map<Integer, byte[]> earlierStacks) {
        super(Opcodes.ASM9, mv);
        this.owner = owner;
        this.params = Type.getArgumentTypes(descriptor);
        this.returned = Type.getReturnType(descriptor);
        this.bodySlot = bodySlot;
        this.bodySlotType = bodySlotType;
        this.valueSlot = valueSlot;
        this.stack = new OperandStack(this, earlierStacks);
        this.frames = frames;
    }

    /**
     * The visitor to hand the class reader for this method: the body's instructions pass through the stack follower
     * first, which moves along only after this visitor has seen each one.
     */
    public final MethodVisitor entry() {
        return stack;
    }

    /** Emits the woven prologue; called once, before anything of the body. */
    protected abstract void prologue();

    protected final void start() {
        if (!started) {
            started = true;
            prologue();
        }
    }

    /** Which methods of a class a weaver takes. */
    public interface Selection {
        boolean weaves(int access, String name, String descriptor);
    }

    /** {@code max_locals} of each method the selection takes, by name and descriptor: the woven locals go above them. */
    public static Map<String, Integer> maxLocals(ClassReader reader, Selection selection) {
        Map<String, Integer> out = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || !selection.weaves(access, name, descriptor)) {
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

    /** Emits what follows the body: the code at {@link #exit}, the handler at {@link #thrown}, and any more. */
    protected abstract void epilogue();

    /** The exception for a return whose operand stack can't be followed: the class is then left as it is. */
    protected abstract RuntimeException unfollowableReturn();

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        start();
        super.visitLabel(bodyEnd);
        epilogue();
        super.visitMaxs(maxStack, maxLocals);
    }

    /** Every frame of the body, with the woven local that lives through it. */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stackTypes) {
        start();
        Object[] locals = new Object[bodySlot + 1];
        int n = 0;
        int slots = 0;
        for (int i = 0; i < numLocal; i++) {
            locals[n++] = local[i];
            slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
        }
        while (slots++ < bodySlot) {
            locals[n++] = Opcodes.TOP;
        }
        locals[n++] = bodySlotType;
        super.visitFrame(Opcodes.F_NEW, n, locals, numStack, stackTypes);
    }

    /**
     * Each return of the body: its value stored in {@link #valueSlot}, what it leaves under the value dropped (the
     * exit's stack is empty), then a jump to {@link #exit}.
     */
    @Override
    public void visitInsn(int opcode) {
        start();
        if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
            super.visitInsn(opcode);
            return;
        }
        boolean isVoid = opcode == Opcodes.RETURN;
        byte[] under = stack.below(isVoid ? 0 : 1);
        if (under == null) {
            throw unfollowableReturn();
        }
        if (!isVoid) {
            super.visitVarInsn(returned.getOpcode(Opcodes.ISTORE), valueSlot);
        }
        // A return may leave values under its result (Kotlin's state machines, generated proxies); the shared exit
        // has an empty stack, so they are dropped here, as the return itself would drop them
        for (byte size : under) {
            super.visitInsn(size == 2 ? Opcodes.POP2 : Opcodes.POP);
        }
        super.visitJumpInsn(Opcodes.GOTO, exit);
    }

    /**
     * {@code this} (none for a static method) and the parameters as they are on entry; with {@code withBodySlot},
     * padded up to the body's woven local, which is included.
     */
    protected final Object[] entryLocals(boolean isStatic, boolean withBodySlot) {
        Object[] locals = new Object[bodySlot + 2 + params.length];
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
        if (withBodySlot) {
            while (slots++ < bodySlot) {
                locals[n++] = Opcodes.TOP;
            }
            locals[n++] = bodySlotType;
        }
        return Arrays.copyOf(locals, n);
    }

    /** The body's locals all unknown, then the woven local, and the value slot's type unless it is {@code null}. */
    protected final Object[] exitLocals(Object value) {
        Object[] locals = new Object[value == null ? bodySlot + 1 : valueSlot + 1];
        Arrays.fill(locals, Opcodes.TOP);
        locals[bodySlot] = bodySlotType;
        if (value != null) {
            locals[valueSlot] = value;
        }
        return locals;
    }

    /** The labels of the prologue's call of the hook: see {@link #beginEnter}. */
    protected static final class Enter {
        private final Label start = new Label();
        private final Label end = new Label();
        private final Label failed = new Label();
    }

    /**
     * Begins the prologue's call of the hook, whose result goes to the body's woven local: in a {@code try} of its
     * own, registered — with the handler around the whole body — after the body's own handlers.
     */
    protected final Enter beginEnter() {
        Enter e = new Enter();
        super.visitTryCatchBlock(e.start, e.end, e.failed, THROWABLE);
        super.visitTryCatchBlock(body, bodyEnd, thrown, THROWABLE);
        super.visitLabel(e.start);
        return e;
    }

    /** Ends it: if it threw, the body's woven local is {@code null}; both ways join at {@code next}. */
    protected final void endEnter(Enter e, boolean isStatic, Label next) {
        super.visitLabel(e.end);
        super.visitJumpInsn(Opcodes.GOTO, next);
        super.visitLabel(e.failed);
        frame(entryLocals(isStatic, false), THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitInsn(Opcodes.ACONST_NULL);
        super.visitVarInsn(Opcodes.ASTORE, bodySlot);
        super.visitLabel(next);
        frame(entryLocals(isStatic, true));
    }

    /** The labels of one guarded call: see {@link #beginGuarded}. */
    protected static final class Guard {
        private final Label start = new Label();
        private final Label end = new Label();
        private final Label failed = new Label();
        private final Label after = new Label();
    }

    /**
     * Begins a call of the hook whose throwable, if any, is dropped: the instructions up to {@link #endGuarded} are
     * in a {@code try} of their own, which comes after every range of the body. The stack is empty before and after.
     *
     * @param skipWhenNull a local whose {@code null} skips the call, or -1
     */
    protected final Guard beginGuarded(int skipWhenNull) {
        Guard g = new Guard();
        super.visitTryCatchBlock(g.start, g.end, g.failed, THROWABLE);
        if (skipWhenNull >= 0) {
            super.visitVarInsn(Opcodes.ALOAD, skipWhenNull);
            super.visitJumpInsn(Opcodes.IFNULL, g.after);
        }
        super.visitLabel(g.start);
        return g;
    }

    /** Ends a guarded call; {@code locals} is the frame both after it and in its handler. */
    protected final void endGuarded(Guard g, Object[] locals) {
        super.visitLabel(g.end);
        super.visitJumpInsn(Opcodes.GOTO, g.after);
        super.visitLabel(g.failed);
        frame(locals, THROWABLE);
        super.visitInsn(Opcodes.POP);
        super.visitLabel(g.after);
        frame(locals);
    }

    /** An instruction of the woven code: not a body's, so a return here is not turned into a jump. */
    protected final void insn(int opcode) {
        super.visitInsn(opcode);
    }

    /** A frame of the woven code, in a class file that has frames. */
    protected final void frame(Object[] locals, Object... stackTypes) {
        if (frames) {
            super.visitFrame(Opcodes.F_NEW, locals.length, locals, stackTypes.length, stackTypes);
        }
    }

    protected final void push(int value) {
        if (value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        }
    }

    protected final void box(Type t) {
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

    protected static Object frameType(Type t) {
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

package org.rcrt.localbus.agent.interception;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The sizes (one slot or two) of the values on a method's operand stack, followed instruction by instruction as
 * the weaver visits them, so that a return with values left under its result (Kotlin's suspend state machines,
 * generated proxies) can drop them before it jumps to the woven exit, whose stack is empty. Sizes are all that is
 * needed to drop values ({@code POP} or {@code POP2}), and all that is followed: no type is ever resolved.
 *
 * <p>A visitor in front of another: each instruction is passed on first, and the stack moves along after, so the
 * next visitor reads the stack as it is before the instruction it is given. Straight-line code is simulated; each
 * stack map frame (class files from Java 6 on have one at every block that follows a jump) resets the stack to what
 * it declares. Without frames, a block's stack comes from a jump to it or its exception handler entry; a block
 * reached only by a jump further down is known from an earlier pass over the same method ({@link #labelStacks}),
 * and where none tells, the stack is unknown and {@link #below} says so.
 */
final class OperandStack extends MethodVisitor {
    private byte[] sizes = new byte[16];
    private int depth;
    private boolean known = true;
    /** The stack at the jump targets and handlers seen so far: only read when a block has no frame. */
    private final Map<Label, byte[]> atLabel = new HashMap<>();
    /** Labels in the order they are visited: the same in every pass over one method. */
    private final Map<Label, Integer> ordinals = new HashMap<>();
    /** The stacks an earlier pass found, by label ordinal. */
    private final Map<Integer, byte[]> earlier;

    OperandStack(MethodVisitor next, Map<Integer, byte[]> earlier) {
        super(Opcodes.ASM9, next);
        this.earlier = earlier;
    }

    /** What this pass knows of the stack at the labels, by ordinal: for the next pass over the same method. */
    Map<Integer, byte[]> labelStacks() {
        Map<Integer, byte[]> out = new HashMap<>(earlier);
        atLabel.forEach((label, stack) -> {
            Integer ordinal = ordinals.get(label);
            if (ordinal != null) {
                out.putIfAbsent(ordinal, stack);
            }
        });
        return out;
    }

    /** The sizes of the values under the top {@code top} values, the topmost first; {@code null} when unknown. */
    byte[] below(int top) {
        if (!known || depth < top) {
            return null;
        }
        byte[] out = new byte[depth - top];
        for (int i = 0; i < out.length; i++) {
            out[i] = sizes[depth - top - 1 - i];
        }
        return out;
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        super.visitFrame(type, numLocal, local, numStack, stack);
        depth = 0;
        known = true;
        for (int i = 0; i < numStack; i++) {
            push(stack[i] == Opcodes.LONG || stack[i] == Opcodes.DOUBLE ? 2 : 1);
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        super.visitTryCatchBlock(start, end, handler, type);
        atLabel.putIfAbsent(handler, new byte[] {1});
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        int ordinal = ordinals.size();
        ordinals.putIfAbsent(label, ordinal);
        byte[] s = atLabel.containsKey(label) ? atLabel.get(label) : earlier.get(ordinal);
        if (!known && s != null) {
            sizes = Arrays.copyOf(s, Math.max(16, s.length * 2));
            depth = s.length;
            known = true;
        }
    }

    @Override
    public void visitInsn(int opcode) {
        super.visitInsn(opcode);
        switch (opcode) {
            case Opcodes.NOP -> { }
            case Opcodes.ACONST_NULL, Opcodes.ICONST_M1, Opcodes.ICONST_0, Opcodes.ICONST_1, Opcodes.ICONST_2,
                    Opcodes.ICONST_3, Opcodes.ICONST_4, Opcodes.ICONST_5, Opcodes.FCONST_0, Opcodes.FCONST_1,
                    Opcodes.FCONST_2 -> push(1);
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> push(2);
            case Opcodes.IALOAD, Opcodes.FALOAD, Opcodes.AALOAD, Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD -> {
                pop(2);
                push(1);
            }
            case Opcodes.LALOAD, Opcodes.DALOAD -> {
                pop(2);
                push(2);
            }
            case Opcodes.IASTORE, Opcodes.LASTORE, Opcodes.FASTORE, Opcodes.DASTORE, Opcodes.AASTORE,
                    Opcodes.BASTORE, Opcodes.CASTORE, Opcodes.SASTORE -> pop(3);
            case Opcodes.POP, Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> pop(1);
            case Opcodes.POP2 -> pop(top() == 2 ? 1 : 2);
            case Opcodes.DUP -> push(top());
            case Opcodes.DUP_X1 -> {
                int v1 = popOne();
                int v2 = popOne();
                push(v1, v2, v1);
            }
            case Opcodes.DUP_X2 -> {
                int v1 = popOne();
                int v2 = popOne();
                if (v2 == 2) {
                    push(v1, v2, v1);
                } else {
                    int v3 = popOne();
                    push(v1, v3, v2, v1);
                }
            }
            case Opcodes.DUP2 -> {
                int v1 = popOne();
                if (v1 == 2) {
                    push(v1, v1);
                } else {
                    int v2 = popOne();
                    push(v2, v1, v2, v1);
                }
            }
            case Opcodes.DUP2_X1 -> {
                int v1 = popOne();
                if (v1 == 2) {
                    int v2 = popOne();
                    push(v1, v2, v1);
                } else {
                    int v2 = popOne();
                    int v3 = popOne();
                    push(v2, v1, v3, v2, v1);
                }
            }
            case Opcodes.DUP2_X2 -> dup2x2();
            case Opcodes.SWAP -> {
                int v1 = popOne();
                int v2 = popOne();
                push(v1, v2);
            }
            case Opcodes.INEG, Opcodes.LNEG, Opcodes.FNEG, Opcodes.DNEG -> { } // one value in, one of its size out
            case Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D, Opcodes.D2L -> {
                pop(1);
                push(2);
            }
            case Opcodes.I2F, Opcodes.L2I, Opcodes.L2F, Opcodes.F2I, Opcodes.D2I, Opcodes.D2F, Opcodes.I2B,
                    Opcodes.I2C, Opcodes.I2S -> {
                pop(1);
                push(1);
            }
            case Opcodes.LCMP, Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.DCMPL, Opcodes.DCMPG -> {
                pop(2);
                push(1);
            }
            case Opcodes.ARRAYLENGTH -> {
                pop(1);
                push(1);
            }
            case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN,
                    Opcodes.RETURN, Opcodes.ATHROW -> known = false;
            default -> {
                if (opcode >= Opcodes.IADD && opcode <= Opcodes.LXOR) { // two values in, one out
                    pop(2);
                    push(binaryResultIsWide(opcode) ? 2 : 1);
                } else {
                    known = false; // no other opcode reaches visitInsn
                }
            }
        }
    }

    /** IADD…DREM cycle through I, L, F, D; the shifts and logic ops through I, L. */
    private static boolean binaryResultIsWide(int opcode) {
        if (opcode <= Opcodes.DREM) {
            int kind = (opcode - Opcodes.IADD) % 4;
            return kind == 1 || kind == 3;
        }
        return (opcode - Opcodes.ISHL) % 2 == 1;
    }

    private void dup2x2() {
        int v1 = popOne();
        if (v1 == 2) {
            int v2 = popOne();
            if (v2 == 2) {
                push(v1, v2, v1);
            } else {
                int v3 = popOne();
                push(v1, v3, v2, v1);
            }
        } else {
            int v2 = popOne();
            int v3 = popOne();
            if (v3 == 2) {
                push(v2, v1, v3, v2, v1);
            } else {
                int v4 = popOne();
                push(v2, v1, v4, v3, v2, v1);
            }
        }
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        super.visitIntInsn(opcode, operand);
        if (opcode != Opcodes.NEWARRAY) { // BIPUSH, SIPUSH
            push(1);
        }
        // NEWARRAY: a count in, an array out
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        super.visitVarInsn(opcode, varIndex);
        switch (opcode) {
            case Opcodes.ILOAD, Opcodes.FLOAD, Opcodes.ALOAD -> push(1);
            case Opcodes.LLOAD, Opcodes.DLOAD -> push(2);
            case Opcodes.ISTORE, Opcodes.LSTORE, Opcodes.FSTORE, Opcodes.DSTORE, Opcodes.ASTORE -> pop(1);
            default -> known = false; // RET: back to wherever the subroutine was called from
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        super.visitTypeInsn(opcode, type);
        if (opcode == Opcodes.NEW) {
            push(1);
        }
        // ANEWARRAY, CHECKCAST, INSTANCEOF: one reference or count in, one value out
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        super.visitFieldInsn(opcode, owner, name, descriptor);
        int size = Type.getType(descriptor).getSize();
        switch (opcode) {
            case Opcodes.GETSTATIC -> push(size);
            case Opcodes.PUTSTATIC -> pop(1);
            case Opcodes.GETFIELD -> {
                pop(1);
                push(size);
            }
            default -> pop(2); // PUTFIELD
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        invoke(opcode != Opcodes.INVOKESTATIC, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
        invoke(false, descriptor);
    }

    private void invoke(boolean receiver, String descriptor) {
        pop(Type.getArgumentTypes(descriptor).length + (receiver ? 1 : 0));
        int size = Type.getReturnType(descriptor).getSize();
        if (size > 0) {
            push(size);
        }
    }

    @Override
    public void visitLdcInsn(Object value) {
        super.visitLdcInsn(value);
        boolean wide = value instanceof Long || value instanceof Double
                || value instanceof ConstantDynamic c && c.getSize() == 2;
        push(wide ? 2 : 1);
    }

    @Override
    public void visitJumpInsn(int opcode, Label target) {
        super.visitJumpInsn(opcode, target);
        switch (opcode) {
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE, Opcodes.IFNULL,
                    Opcodes.IFNONNULL -> pop(1);
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE, Opcodes.IF_ICMPGT,
                    Opcodes.IF_ICMPLE, Opcodes.IF_ACMPEQ, Opcodes.IF_ACMPNE -> pop(2);
            default -> { } // GOTO, JSR
        }
        if (opcode == Opcodes.JSR) {
            push(1);
            remember(target);
            pop(1); // the subroutine returns here with the stack it was called with
            return;
        }
        remember(target);
        if (opcode == Opcodes.GOTO) {
            known = false;
        }
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        super.visitTableSwitchInsn(min, max, dflt, labels);
        branches(dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        super.visitLookupSwitchInsn(dflt, keys, labels);
        branches(dflt, labels);
    }

    private void branches(Label dflt, Label... labels) {
        pop(1);
        remember(dflt);
        for (Label l : labels) {
            remember(l);
        }
        known = false;
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
        super.visitMultiANewArrayInsn(descriptor, dimensions);
        pop(dimensions);
        push(1);
    }

    private void remember(Label target) {
        if (known) {
            atLabel.putIfAbsent(target, Arrays.copyOf(sizes, depth));
        }
    }

    private int top() {
        return depth > 0 ? sizes[depth - 1] : 1;
    }

    private int popOne() {
        int size = top();
        pop(1);
        return size;
    }

    private void pop(int values) {
        if (values > depth) {
            known = false; // a stack this code can't have: never trusted again until a frame says
            depth = 0;
        } else {
            depth -= values;
        }
    }

    private void push(int... values) {
        for (int v : values) {
            if (depth == sizes.length) {
                sizes = Arrays.copyOf(sizes, depth * 2);
            }
            sizes[depth++] = (byte) v;
        }
    }
}

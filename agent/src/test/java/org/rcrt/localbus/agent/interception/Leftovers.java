package org.rcrt.localbus.agent.interception;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A client class that javac can't write: its returns leave values under their result on the operand stack, as
 * Kotlin's suspend state machines ({@code DUP} of a call's result, compare with {@code COROUTINE_SUSPENDED}, return
 * the marker) and generated proxies do. One value of each size is left, so that a wrong pop fails verification.
 */
final class Leftovers {
    static final String NAME = "com.example.leftovers.Client";
    static final String SUSPENDED = "COROUTINE_SUSPENDED";
    private static final String INTERNAL = NAME.replace('.', '/');

    private Leftovers() {}

    /**
     * <pre>
     *   String createBreadcrumb(String s)  leaves [long, int]: s when not null, else the marker
     *   long updateBreadcrumb(long x)      leaves [double, null]: x
     *   static void createBreadcrumb(int, int)  leaves [String, int]
     * </pre>
     */
    static byte[] classFile(int version) {
        ClassWriter cw = new ClassWriter(version >= Opcodes.V1_6 ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS);
        cw.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, INTERNAL, null, "java/lang/Object", null);
        constructor(cw);

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "createBreadcrumb", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        mv.visitCode();
        Label notNull = new Label();
        mv.visitLdcInsn(7L);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitInsn(Opcodes.DUP);
        mv.visitJumpInsn(Opcodes.IFNONNULL, notNull);
        mv.visitInsn(Opcodes.POP);
        mv.visitLdcInsn(SUSPENDED);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitLabel(notNull);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "updateBreadcrumb", "(J)J", null, null);
        mv.visitCode();
        mv.visitInsn(Opcodes.DCONST_1);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitVarInsn(Opcodes.LLOAD, 1);
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "createBreadcrumb", "(II)V", null, null);
        mv.visitCode();
        mv.visitLdcInsn("left");
        mv.visitVarInsn(Opcodes.ILOAD, 0);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * A Java 5 class file (no stack map frames) whose return sits in a block reached only by a jump further down, with
     * {@code [int, int]} left under the result: the stack there is known from a second pass.
     */
    static byte[] reachedOnlyFromBelow() {
        return oldClass(mv -> {
            Label back = new Label();
            Label test = new Label();
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitJumpInsn(Opcodes.GOTO, test);
            mv.visitLabel(back);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitLabel(test);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitJumpInsn(Opcodes.GOTO, back);
        });
    }

    /** A Java 5 class file with a return in unreachable code: no pass can tell its stack. */
    static byte[] unreachableReturn() {
        return oldClass(mv -> {
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ARETURN);
        });
    }

    /** A Java 5 class with {@code String createBreadcrumb(String)} of the given code. */
    private static byte[] oldClass(java.util.function.Consumer<MethodVisitor> code) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, INTERNAL, null, "java/lang/Object", null);
        constructor(cw);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "createBreadcrumb", "(Ljava/lang/String;)Ljava/lang/String;", null, null);
        mv.visitCode();
        code.accept(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void constructor(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}

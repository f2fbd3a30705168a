package org.rcrt.localbus.agent.sink;

import java.util.Arrays;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import org.rcrt.localbus.agent.interception.WovenMethodVisitor;

/**
 * Weaves {@link org.rcrt.localbus.bootstrap.SinkHook}'s calls into one sink class, with the ASM that Byte Buddy
 * bundles and nothing else of Byte Buddy (as the client weaver does): a sink costs the host a few classes, not
 * Byte Buddy's thousand.
 *
 * <p>Each constructor, at each of its returns: {@code try { SinkHook.constructed(this, "a.b.Sink"); } catch
 * (Throwable ignored) {}}. The sink method the class declares, {@code R m(P...)} (not static or abstract, one or two
 * parameters):
 * <pre>
 *   try { c = SinkHook.enter(this, new Object[] {p...}, "m(d)"); } catch (Throwable ignored) { c = null; }
 *   if (c instanceof SinkHook.Skip) { try { return (R) SinkHook.skippedResult("R"); } catch (Throwable x) { return default; } }
 *   try { ...original body, each "return v" becoming "r = v; (pop what is left under v;) goto exit"... }
 *   catch (Throwable t) { try { SinkHook.exit(c, t); } catch (Throwable x) {} throw t; }
 *   exit: try { SinkHook.exit(c, null); } catch (Throwable x) {} return r;
 * </pre>
 * (for a primitive {@code R} the skipped body returns 0 or false). The woven handler around the body comes after the
 * body's own handlers, and the exit is outside every range of the body, so nothing the hook throws reaches the
 * application. New locals sit above the method's {@code max_locals} and every stack map frame is extended with
 * them: no frame is computed, no class loaded to weave. The class keeps its shape (no member added). A class file
 * older than Java 6 (no stack map frames) is left as it is.
 */
final class SinkWeaver {
    private static final String HOOK = "org/rcrt/localbus/bootstrap/SinkHook";
    private static final String SKIP = HOOK + "$Skip";
    private static final String OBJECT = "java/lang/Object";
    private static final String THROWABLE = "java/lang/Throwable";
    private static final String EXIT = "(Ljava/lang/Object;Ljava/lang/Throwable;)V";

    private SinkWeaver() {}

    /** A sink class this weaver leaves as it is. */
    static final class Unweavable extends RuntimeException {
        Unweavable(String message) {
            super(message, null, false, false);
        }
    }

    /** The woven class file of a sink class (or subclass) whose sink method is named {@code sinkMethod}. */
    static byte[] weave(byte[] classFile, String sinkMethod) {
        ClassReader reader = new ClassReader(classFile);
        if ((reader.readShort(6) & 0xffff) < Opcodes.V1_6) {
            throw new Unweavable("its class file predates Java 6 (no stack map frames)");
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        String owner = reader.getClassName();
        String dotted = owner.replace('/', '.');
        Map<String, Integer> maxLocals = maxLocals(reader, sinkMethod);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (name.equals("<init>")) {
                    return new Constructor(mv, dotted);
                }
                Integer locals = maxLocals.get(name + descriptor);
                return locals == null ? mv : new SinkMethod(mv, owner, name, descriptor, locals).entry();
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    /**
     * {@code max_locals} of each sink method the class declares, by name and descriptor: the woven locals go above
     * them. A bridge is left out: it calls the real method, which is woven, and one call is one claim.
     */
    private static Map<String, Integer> maxLocals(ClassReader reader, String sinkMethod) {
        return WovenMethodVisitor.maxLocals(reader, new WovenMethodVisitor.Selection() {
            @Override
            public boolean weaves(int access, String name, String descriptor) {
                int params = Type.getArgumentTypes(descriptor).length;
                return (access & (Opcodes.ACC_STATIC | Opcodes.ACC_BRIDGE)) == 0 && name.equals(sinkMethod)
                        && params >= 1 && params <= 2;
            }
        });
    }

    /** A constructor: each return reports the instance first. */
    private static final class Constructor extends MethodVisitor {
        private final String sinkClass;

        Constructor(MethodVisitor mv, String sinkClass) {
            super(Opcodes.ASM9, mv);
            this.sinkClass = sinkClass;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                Label start = new Label();
                Label end = new Label();
                Label failed = new Label();
                super.visitTryCatchBlock(start, end, failed, THROWABLE);
                super.visitLabel(start);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitLdcInsn(sinkClass);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "constructed", "(L" + OBJECT + ";Ljava/lang/String;)V", false);
                super.visitLabel(end);
                super.visitInsn(Opcodes.RETURN);
                // The handler returns on its own: the normal path may have values under its return, this one has
                // none, so the two never meet. Its frame declares no locals: every one is unknown there.
                super.visitLabel(failed);
                super.visitFrame(Opcodes.F_NEW, 0, new Object[0], 1, new Object[] {THROWABLE});
                super.visitInsn(Opcodes.POP);
            }
            super.visitInsn(opcode);
        }
    }

    /** The sink method; see the class comment for the shape. */
    private static final class SinkMethod extends WovenMethodVisitor {
        private final String method;
        /** Slots: the claim (the body's woven local), then the return value or the thrown throwable. */
        private final int claimSlot;
        private final Label skipped = new Label();

        SinkMethod(MethodVisitor mv, String owner, String name, String descriptor, int maxLocals) {
            super(mv, owner, descriptor, maxLocals, OBJECT, maxLocals + 1, true, Map.of());
            this.method = name + descriptor;
            this.claimSlot = maxLocals;
        }

        @Override
        protected RuntimeException unfollowableReturn() {
            return new Unweavable(method + " returns where its operand stack can't be followed");
        }

        @Override
        protected void prologue() {
            Label entered = new Label();
            Enter enter = beginEnter();
            super.visitVarInsn(Opcodes.ALOAD, 0);
            push(params.length);
            super.visitTypeInsn(Opcodes.ANEWARRAY, OBJECT);
            int slot = 1;
            for (int i = 0; i < params.length; i++) {
                insn(Opcodes.DUP);
                push(i);
                super.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slot);
                box(params[i]);
                insn(Opcodes.AASTORE);
                slot += params[i].getSize();
            }
            super.visitLdcInsn(method);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "enter",
                    "(L" + OBJECT + ";[L" + OBJECT + ";Ljava/lang/String;)L" + OBJECT + ";", false);
            super.visitVarInsn(Opcodes.ASTORE, claimSlot);
            endEnter(enter, false, entered);
            super.visitVarInsn(Opcodes.ALOAD, claimSlot);
            super.visitTypeInsn(Opcodes.INSTANCEOF, SKIP);
            super.visitJumpInsn(Opcodes.IFNE, skipped);
            super.visitLabel(body);
        }

        @Override
        protected void epilogue() {
            emitExit();
            emitThrown();
            emitSkipped();
        }

        /** Where every return of the body goes: the claim's exit, then the value. */
        private void emitExit() {
            boolean isVoid = returned.getSort() == Type.VOID;
            Object[] locals = exitLocals(isVoid ? null : frameType(returned));
            super.visitLabel(exit);
            frame(locals);
            Guard call = beginGuarded(-1);
            super.visitVarInsn(Opcodes.ALOAD, claimSlot);
            insn(Opcodes.ACONST_NULL);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            endGuarded(call, locals);
            if (!isVoid) {
                super.visitVarInsn(returned.getOpcode(Opcodes.ILOAD), valueSlot);
            }
            returnInsn();
        }

        /** The handler around the whole body: the claim's exit with the throwable, which is then rethrown unchanged. */
        private void emitThrown() {
            super.visitLabel(thrown);
            frame(exitLocals(null), THROWABLE);
            super.visitVarInsn(Opcodes.ASTORE, valueSlot);
            Guard call = beginGuarded(-1);
            super.visitVarInsn(Opcodes.ALOAD, claimSlot);
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "exit", EXIT, false);
            endGuarded(call, exitLocals(THROWABLE));
            super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            insn(Opcodes.ATHROW);
        }

        /** A copy the other lane already delivered: no body, the completed no-op of the return type. */
        private void emitSkipped() {
            super.visitLabel(skipped);
            frame(exitLocals(null));
            int sort = returned.getSort();
            if (sort == Type.OBJECT || sort == Type.ARRAY) {
                Object[] locals = exitLocals(returned.getInternalName());
                insn(Opcodes.ACONST_NULL); // the default, should the hook fail
                super.visitVarInsn(Opcodes.ASTORE, valueSlot);
                Guard call = beginGuarded(-1);
                super.visitLdcInsn(returned.getClassName());
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "skippedResult", "(Ljava/lang/String;)L" + OBJECT + ";", false);
                super.visitTypeInsn(Opcodes.CHECKCAST, returned.getInternalName());
                super.visitVarInsn(Opcodes.ASTORE, valueSlot);
                endGuarded(call, locals);
                super.visitVarInsn(Opcodes.ALOAD, valueSlot);
            } else {
                pushDefault();
            }
            returnInsn();
        }

        /** The return instruction of the method's type, its value (if any) on the stack. */
        private void returnInsn() {
            insn(returned.getSort() == Type.VOID ? Opcodes.RETURN : returned.getOpcode(Opcodes.IRETURN));
        }

        private void pushDefault() {
            switch (returned.getSort()) {
                case Type.VOID -> { }
                case Type.LONG -> insn(Opcodes.LCONST_0);
                case Type.FLOAT -> insn(Opcodes.FCONST_0);
                case Type.DOUBLE -> insn(Opcodes.DCONST_0);
                default -> insn(Opcodes.ICONST_0);
            }
        }
    }
}

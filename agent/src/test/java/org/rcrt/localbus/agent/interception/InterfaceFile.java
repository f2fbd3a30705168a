package org.rcrt.localbus.agent.interception;

import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * An interface's class file with HTTP annotations, written with ASM as javac writes it, so that the tests need none
 * of the libraries whose annotations they are.
 */
public final class InterfaceFile {
    /** An enum array attribute, as {@code method = {RequestMethod.PATCH}}. */
    public record Verbs(String... names) {}

    /** One annotation: its descriptor, then attribute names and values (a String, a String[], {@link Verbs}, ...). */
    public record Ann(String descriptor, Object... attributes) {}

    private final ClassWriter writer = new ClassWriter(0);

    public InterfaceFile(String name, String... supers) {
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE, name, null,
                "java/lang/Object", supers);
    }

    public InterfaceFile type(Ann... annotations) {
        for (Ann a : annotations) {
            write(writer.visitAnnotation(a.descriptor(), true), a.attributes());
        }
        return this;
    }

    /** An abstract method, as {@code name(descriptor)}. */
    public InterfaceFile method(String nameAndDescriptor, Ann... annotations) {
        int paren = nameAndDescriptor.indexOf('(');
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT,
                nameAndDescriptor.substring(0, paren), nameAndDescriptor.substring(paren), null, null);
        for (Ann a : annotations) {
            write(mv.visitAnnotation(a.descriptor(), true), a.attributes());
        }
        mv.visitEnd();
        return this;
    }

    public byte[] bytes() {
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void write(AnnotationVisitor av, Object[] attributes) {
        for (int i = 0; i < attributes.length; i += 2) {
            String name = (String) attributes[i];
            Object value = attributes[i + 1];
            if (value instanceof String[] strings) {
                AnnotationVisitor array = av.visitArray(name);
                for (String s : strings) {
                    array.visit(null, s);
                }
                array.visitEnd();
            } else if (value instanceof Verbs verbs) {
                AnnotationVisitor array = av.visitArray(name);
                for (String v : verbs.names()) {
                    array.visitEnum(null, "Lorg/springframework/web/bind/annotation/RequestMethod;", v);
                }
                array.visitEnd();
            } else {
                av.visit(name, value);
            }
        }
        av.visitEnd();
    }
}

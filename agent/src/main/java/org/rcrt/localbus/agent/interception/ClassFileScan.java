package org.rcrt.localbus.agent.interception;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads just enough of a class file to tell whether the class <em>declares</em> a concrete method of one of the
 * given names: the constant pool, skipped over, and the method table. A class that merely calls
 * {@code createBreadcrumb} — a workflow using the client — mentions the name too, but declares no such method, so
 * it is let through untouched and never parsed by the weaver.
 *
 * <p>The same walk notices a lambda or method reference that implements a method of one of the names: its
 * {@code invokedynamic} is named like the interface method it implements. Its class is hidden, and a hidden class
 * can't be transformed, so that is a gap the agent can only report.
 *
 * <p>Any surprise in the bytes answers "declares": the weaver, which reads class files properly, then decides.
 */
public final class ClassFileScan {
    /** {@link #scan} bit: the class declares a concrete method of one of the names. */
    static final int DECLARES = 1;
    /** {@link #scan} bit: the class makes a lambda or method reference implementing a method of one of the names. */
    static final int LAMBDA = 2;

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;
    private static final int UTF8 = 1;
    private static final int NAME_AND_TYPE = 12;
    private static final int INVOKE_DYNAMIC = 18;

    private ClassFileScan() {}

    static int scan(byte[] b, byte[][] names) {
        try {
            Pool pool = Pool.read(b);
            if (pool == null) {
                return DECLARES;
            }
            int found = pool.lambdaNameAndTypes(names).isEmpty() ? 0 : LAMBDA;
            int p = pool.end + 6; // access flags, this class, super class
            p += 2 + 2 * u2(b, p); // interfaces
            int fields = u2(b, p);
            p += 2;
            for (int f = 0; f < fields; f++) {
                p = skipMember(b, p);
            }
            int methods = u2(b, p);
            p += 2;
            for (int m = 0; m < methods; m++) {
                int access = u2(b, p);
                if ((access & ACC_ABSTRACT) == 0 && pool.utf8Matches(u2(b, p + 2), names)) {
                    return found | DECLARES;
                }
                p = skipMember(b, p);
            }
            return found;
        } catch (RuntimeException malformed) {
            return DECLARES;
        }
    }

    /**
     * The interfaces (internal names) that the class's lambdas and method references of one of the names implement:
     * the return types of those {@code invokedynamic} descriptors. Only called once {@link #scan} said {@link #LAMBDA}.
     */
    static List<String> lambdaInterfaces(byte[] b, byte[][] names) {
        List<String> out = new ArrayList<>();
        try {
            Pool pool = Pool.read(b);
            for (int nat : pool == null ? List.<Integer>of() : pool.lambdaNameAndTypes(names)) {
                String descriptor = pool.utf8(u2(b, pool.at[nat] + 3));
                String type = descriptor.substring(descriptor.indexOf(')') + 1);
                String name = type.startsWith("L") && type.endsWith(";") ? type.substring(1, type.length() - 1) : null;
                if (name != null && !out.contains(name)) {
                    out.add(name);
                }
            }
        } catch (RuntimeException malformed) {
            // nothing to report then
        }
        return out;
    }

    /** Whether the class file is an interface's (an annotation type's too); {@code false} for unreadable bytes. */
    static boolean isInterface(byte[] b) {
        try {
            Pool pool = Pool.read(b);
            return pool != null && (u2(b, pool.end) & ACC_INTERFACE) != 0;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** The internal names of the interfaces the class implements (a proxy's: those it was made for); empty if unreadable. */
    static List<String> interfaces(byte[] b) {
        try {
            Pool pool = Pool.read(b);
            if (pool == null) {
                return List.of();
            }
            int p = pool.end + 6; // access flags, this class, super class
            int count = u2(b, p);
            List<String> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(pool.utf8(u2(b, pool.at[u2(b, p + 2 + 2 * i)] + 1)));
            }
            return out;
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    /** The internal name of the class's superclass; {@code null} for {@code Object}, a module, or unreadable bytes. */
    public static String superName(byte[] b) {
        try {
            Pool pool = Pool.read(b);
            if (pool == null) {
                return null;
            }
            int superClass = u2(b, pool.end + 4);
            return superClass == 0 ? null : pool.utf8(u2(b, pool.at[superClass] + 1));
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /** The constant pool's layout: where each entry starts, and where the pool ends. */
    private static final class Pool {
        final byte[] b;
        final int[] at; // offset of each entry's tag byte; 0 for the second slot of an eight-byte constant
        final int end;

        private Pool(byte[] b, int[] at, int end) {
            this.b = b;
            this.at = at;
            this.end = end;
        }

        /** {@code null} when the pool holds a tag this reader doesn't know. */
        static Pool read(byte[] b) {
            int count = u2(b, 8);
            int[] at = new int[count];
            int p = 10;
            for (int i = 1; i < count; i++) {
                at[i] = p;
                switch (b[p] & 0xff) {
                    case UTF8 -> p += 3 + u2(b, p + 1);
                    case 3, 4, 9, 10, 11, NAME_AND_TYPE, 17, INVOKE_DYNAMIC -> p += 5;
                    case 5, 6 -> {
                        p += 9;
                        i++; // eight-byte constants take two slots
                    }
                    case 7, 8, 16, 19, 20 -> p += 3;
                    case 15 -> p += 4;
                    default -> {
                        return null;
                    }
                }
            }
            return new Pool(b, at, p);
        }

        boolean utf8Matches(int index, byte[][] names) {
            if (index <= 0 || index >= at.length || at[index] == 0 || b[at[index]] != UTF8) {
                return false;
            }
            int lengthAt = at[index] + 1;
            int length = u2(b, lengthAt);
            outer:
            for (byte[] name : names) {
                if (name.length != length) {
                    continue;
                }
                for (int i = 0; i < length; i++) {
                    if (b[lengthAt + 2 + i] != name[i]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        String utf8(int index) {
            int p = at[index];
            return new String(b, p + 3, u2(b, p + 1), StandardCharsets.UTF_8); // names and descriptors: no special forms
        }

        /** The NameAndType entries of the {@code invokedynamic} constants named like one of the methods. */
        List<Integer> lambdaNameAndTypes(byte[][] names) {
            List<Integer> out = List.of();
            for (int i = 1; i < at.length; i++) {
                if (at[i] != 0 && b[at[i]] == INVOKE_DYNAMIC) {
                    int nat = u2(b, at[i] + 3);
                    if (nat > 0 && nat < at.length && at[nat] != 0 && b[at[nat]] == NAME_AND_TYPE
                            && utf8Matches(u2(b, at[nat] + 1), names)) {
                        if (out.isEmpty()) {
                            out = new ArrayList<>();
                        }
                        out.add(nat);
                    }
                }
            }
            return out;
        }
    }

    /** Skips a field_info or method_info starting at {@code p}; returns the offset after it. */
    private static int skipMember(byte[] b, int p) {
        int attributes = u2(b, p + 6);
        p += 8;
        for (int a = 0; a < attributes; a++) {
            p += 6 + u4(b, p + 2);
        }
        return p;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}

package org.rcrt.localbus.agent.interception;

/**
 * Reads just enough of a class file to tell whether the class <em>declares</em> a concrete method of one of the
 * given names: the constant pool, skipped over, and the method table. A class that merely calls
 * {@code createBreadcrumb} — a workflow using the client — mentions the name too, but declares no such method, so
 * it is let through untouched without waiting for Byte Buddy or being parsed by it.
 *
 * <p>Any surprise in the bytes answers true: Byte Buddy, which reads class files properly, then decides.
 */
final class ClassFileScan {
    private static final int ACC_ABSTRACT = 0x0400;

    private ClassFileScan() {}

    static boolean declaresConcreteMethod(byte[] b, byte[][] names) {
        try {
            int count = u2(b, 8);
            int[] utf8At = new int[count]; // offset of each Utf8 entry's length field, 0 for other entries
            int p = 10;
            for (int i = 1; i < count; i++) {
                int tag = b[p] & 0xff;
                switch (tag) {
                    case 1 -> {
                        utf8At[i] = p + 1;
                        p += 3 + u2(b, p + 1);
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5;
                    case 5, 6 -> {
                        p += 9;
                        i++; // eight-byte constants take two slots
                    }
                    case 7, 8, 16, 19, 20 -> p += 3;
                    case 15 -> p += 4;
                    default -> {
                        return true;
                    }
                }
            }
            p += 6; // access flags, this class, super class
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
                int nameIndex = u2(b, p + 2);
                if ((access & ACC_ABSTRACT) == 0 && nameIndex < count && utf8At[nameIndex] != 0
                        && nameMatches(b, utf8At[nameIndex], names)) {
                    return true;
                }
                p = skipMember(b, p);
            }
            return false;
        } catch (RuntimeException malformed) {
            return true;
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

    private static boolean nameMatches(byte[] b, int lengthAt, byte[][] names) {
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

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }
}

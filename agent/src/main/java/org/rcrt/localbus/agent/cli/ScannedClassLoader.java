package org.rcrt.localbus.agent.cli;

import java.util.Map;

/**
 * Defines the scanned classes from their bytes, for the sink check, which needs a {@code Class} to look at its
 * methods. Nothing is initialised, so none of the application's code runs. As in a JVM with the agent, the api
 * classes ({@code org.rcrt.localbus.*}) come from the agent's own copy, not from the scanned ones.
 */
final class ScannedClassLoader extends ClassLoader {
    private static final String API = "org.rcrt.localbus.";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, ScanInput.ClassFile> classes;

    ScannedClassLoader(Map<String, ScanInput.ClassFile> classes) {
        super("rcrt-localbus-scan", ClassLoader.getPlatformClassLoader());
        this.classes = classes;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API)) {
            return ScannedClassLoader.class.getClassLoader().loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ScanInput.ClassFile file = classes.get(name.replace('.', '/'));
        if (file == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, file.bytes(), 0, file.bytes().length);
    }
}

package org.rcrt.localbus.agent.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.SecureClassLoader;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Loads classes and resources from entries of the agent jar below a directory, without extracting anything.
 *
 * <p>The agent's isolated part lives under {@code rcrt-localbus/impl/} with class files named {@code .classdata},
 * so that neither the application class loader (which has the agent jar on its path) nor a class-path scanner
 * takes them for classes. Every class defined here carries the agent jar's own {@link java.security.CodeSource}:
 * under a security manager, a policy that grants the agent jar permissions grants them to these classes too.
 */
final class AgentJarClassLoader extends SecureClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final AgentJar jar;
    private final String directory;
    private final String classSuffix;

    /**
     * @param directory   the entry prefix, {@code ""} for the jar's root
     * @param classSuffix how class-file entries end: {@code .class} or {@code .classdata}
     */
    AgentJarClassLoader(String name, ClassLoader parent, AgentJar jar, String directory, String classSuffix) {
        super(name, parent);
        this.jar = jar;
        this.directory = directory;
        this.classSuffix = classSuffix;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        try {
            bytes = jar.read(directory + name.replace('.', '/') + classSuffix);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && getDefinedPackage(name.substring(0, dot)) == null) {
            try {
                definePackage(name.substring(0, dot), null, null, null, null, null, null, null);
            } catch (IllegalArgumentException definedMeanwhile) {
                // another thread defined it first: that is the package we want
            }
        }
        return defineClass(name, bytes, 0, bytes.length, jar.codeSource());
    }

    @Override
    protected URL findResource(String name) {
        return jar.url(entry(name));
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    /** Own entries first and straight from the open jar: Byte Buddy reads the agent's class files this way. */
    @Override
    public InputStream getResourceAsStream(String name) {
        byte[] bytes;
        try {
            bytes = jar.read(entry(name));
        } catch (IOException e) {
            return null; // as ClassLoader.getResourceAsStream answers an I/O error
        }
        return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }

    private String entry(String resource) {
        return directory + (resource.endsWith(".class")
                ? resource.substring(0, resource.length() - ".class".length()) + classSuffix : resource);
    }
}

package org.rcrt.localbus.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The agent's own jar, read in place: every part of the agent is an entry of it, so nothing is extracted and
 * nothing is written at start. The JDK has this file open already (it loaded the launcher from it), so opening it
 * again shares that work.
 */
final class AgentJar {
    private final JarFile file;
    private final CodeSource codeSource;
    private final String entryUrlPrefix;

    private AgentJar(JarFile file, CodeSource codeSource) {
        this.file = file;
        this.codeSource = codeSource;
        this.entryUrlPrefix = "jar:" + codeSource.getLocation().toExternalForm() + "!/";
    }

    /**
     * The jar the launcher was loaded from: its code source when the application class loader loaded it (from
     * {@code -javaagent}), else found through the launcher's own class file, as the bootstrap loader (the agent jar
     * on {@code -Xbootclasspath/a}) knows no code source.
     */
    static AgentJar containing(Class<?> launcher) throws IOException {
        CodeSource loadedFrom = launcher.getClassLoader() == null ? null : launcher.getProtectionDomain().getCodeSource();
        URL jar = loadedFrom == null ? null : loadedFrom.getLocation();
        if (jar != null && "file".equals(jar.getProtocol()) && !jar.getPath().endsWith("/")) {
            // the common case, answered without a resource lookup (which would open the JDK's module image)
            return open(jar);
        }
        URL self = launcher.getResource(launcher.getSimpleName() + ".class");
        String spec = self == null ? "" : self.toExternalForm();
        int separator = spec.indexOf("!/");
        if (!spec.startsWith("jar:file:") || separator < 0) {
            throw new IOException("the agent is not loaded from a jar file: " + spec);
        }
        return open(new URL(spec.substring("jar:".length(), separator)));
    }

    private static AgentJar open(URL location) throws IOException {
        try {
            // No signature verification: the agent jar is not signed, and verifying costs start-up time.
            return new AgentJar(new JarFile(new File(location.toURI()), false), new CodeSource(location, (CodeSigner[]) null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the agent jar's location is not a file: " + location, e);
        }
    }

    /** The agent jar's own code source: a security policy that names the agent jar covers what carries it. */
    CodeSource codeSource() {
        return codeSource;
    }

    /** The entry's bytes, or {@code null} when there is no such entry. */
    byte[] read(String entry) throws IOException {
        ZipEntry e = file.getEntry(entry);
        if (e == null || e.isDirectory()) {
            return null;
        }
        try (InputStream in = file.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    /**
     * The class files an index entry lists (one entry name a line, written by the build), by class name. Read by
     * name: walking the jar's whole directory would cost every start a few thousand entries.
     */
    Map<String, byte[]> classesListedIn(String index) throws IOException {
        byte[] list = read(index);
        if (list == null) {
            throw new IOException("the agent jar has no " + index);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        String text = new String(list, StandardCharsets.UTF_8);
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String name = text.substring(start, end).trim();
            if (name.endsWith(".class")) {
                byte[] bytes = read(name);
                if (bytes == null) {
                    throw new IOException("the agent jar lists " + name + " in " + index + " but has no such entry");
                }
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), bytes);
            }
        }
        return classes;
    }

    /** A {@code jar:} URL of the entry (the JDK's own handler reads it), or {@code null} when there is none. */
    URL url(String entry) {
        ZipEntry e = file.getEntry(entry);
        if (e == null || e.isDirectory()) {
            return null;
        }
        try {
            return new URL(entryUrlPrefix + entry);
        } catch (java.net.MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

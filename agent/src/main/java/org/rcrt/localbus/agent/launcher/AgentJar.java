package org.rcrt.localbus.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
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
     * The jar the launcher was loaded from, found through the launcher's own class file: the launcher may be
     * loaded by the application class loader (from {@code -javaagent}) or by the bootstrap loader (when the agent
     * jar is on {@code -Xbootclasspath/a}), which knows no code source.
     */
    static AgentJar containing(Class<?> launcher) throws IOException {
        URL self = launcher.getResource(launcher.getSimpleName() + ".class");
        String spec = self == null ? "" : self.toExternalForm();
        int separator = spec.indexOf("!/");
        if (!spec.startsWith("jar:file:") || separator < 0) {
            throw new IOException("the agent is not loaded from a jar file: " + spec);
        }
        URL location = new URL(spec.substring("jar:".length(), separator));
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

    /** The class files below {@code directory} (an entry prefix), except those below {@code except}, by class name. */
    Map<String, byte[]> classesBelow(String directory, String except) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Enumeration<JarEntry> en = file.entries(); en.hasMoreElements(); ) {
            String name = en.nextElement().getName();
            if (name.startsWith(directory) && !name.startsWith(except) && name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), read(name));
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

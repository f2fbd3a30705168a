package org.rcrt.localbus.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
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

    /** The jar the launcher was loaded from. */
    static AgentJar containing(Class<?> launcher) throws IOException {
        CodeSource source = launcher.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("the agent does not know the jar it was loaded from");
        }
        try {
            // No signature verification: the agent jar is not signed, and verifying costs start-up time.
            return new AgentJar(new JarFile(new File(source.getLocation().toURI()), false), source);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the agent jar's location is not a file: " + source.getLocation(), e);
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

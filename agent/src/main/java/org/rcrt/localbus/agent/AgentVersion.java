package org.rcrt.localbus.agent;

import java.io.InputStream;
import java.util.Properties;

/** The agent's version, as the build wrote it into {@code version.properties}. */
public final class AgentVersion {
    private static final String VERSION = read();

    private AgentVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }
}

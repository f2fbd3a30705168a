package org.rcrt.localbus.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code java -jar rcrt-localbus-agent.jar ...}: the jar's Main-Class. It sits beside the launcher in the outer jar
 * and uses the JDK alone; the commands themselves live in {@code impl.jar} with the rest of the agent (they use its
 * configuration table, classifier and relocated Byte Buddy), so this only opens that jar in a class loader and hands
 * over. When the jar runs as {@code -javaagent} nothing refers to this class, so it is never loaded.
 */
public final class Main {
    private static final String COMMANDS = "org.rcrt.localbus.agent.cli.Commands";

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            System.err.println("rcrt-localbus: " + cause);
            code = 2;
        }
        System.out.flush();
        System.exit(code);
    }

    private static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        // A command line tool, not the agent: extracting to a temporary folder costs nothing worth saving here.
        Path dir = Files.createTempDirectory("rcrt-localbus-cli-");
        Path impl = extract("rcrt-localbus/impl.jar", dir);
        Path api = extract("rcrt-localbus/bootstrap.jar", dir);
        try (URLClassLoader loader = new URLClassLoader("rcrt-localbus-cli",
                new URL[] {impl.toUri().toURL(), api.toUri().toURL()}, ClassLoader.getSystemClassLoader())) {
            Class<?> commands = Class.forName(COMMANDS, true, loader);
            return (int) commands.getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, args, out, err);
        } finally {
            Files.deleteIfExists(impl);
            Files.deleteIfExists(api);
            Files.deleteIfExists(dir);
        }
    }

    private static Path extract(String entry, Path dir) throws IOException {
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException(entry + " is missing from the agent jar");
            }
            Path target = dir.resolve(entry.substring(entry.lastIndexOf('/') + 1));
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}

package org.rcrt.localbus.agent.cli;

import java.io.PrintStream;

/**
 * {@code java -jar rcrt-localbus-agent.jar ...}: the jar's Main-Class. It sits beside the launcher in the outer jar
 * and uses the JDK alone; the commands themselves live with the rest of the agent under {@code rcrt-localbus/impl/}
 * (they use its configuration table, classifier and relocated Byte Buddy), so this only makes the agent's class
 * loader over those entries and hands over. When the jar runs as {@code -javaagent} nothing refers to this class, so it is never loaded.
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
        ClassLoader loader = org.rcrt.localbus.agent.launcher.AgentLauncher.commandLineLoader(ClassLoader.getSystemClassLoader());
        Class<?> commands = Class.forName(COMMANDS, true, loader);
        return (int) commands.getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                .invoke(null, args, out, err);
    }
}

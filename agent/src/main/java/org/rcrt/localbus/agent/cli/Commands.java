package org.rcrt.localbus.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;
import org.rcrt.localbus.agent.AgentVersion;

/**
 * The agent jar's commands, reached through {@link Main}: {@code --help}, {@code --version}, {@code scan} and
 * {@code status}. Exit codes: 0 success, 1 the command's answer is "no" (nothing to intercept, a problem, no agent
 * in that JVM), 2 a bad command line.
 */
public final class Commands {
    private Commands() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(Help.text());
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "scan":
                return ScanCommand.run(rest, out, err);
            case "status":
                return StatusCommand.run(rest, out, err);
            case "--version":
                out.println("rcrt-localbus-agent " + AgentVersion.get());
                return 0;
            default:
                err.println("rcrt-localbus: unknown command '" + args[0] + "'; see java -jar rcrt-localbus-agent.jar --help");
                return 2;
        }
    }
}

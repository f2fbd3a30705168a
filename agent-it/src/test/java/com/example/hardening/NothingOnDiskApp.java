package com.example.hardening;

import com.example.support.ChildApp;
import java.io.File;
import java.util.List;

/**
 * Uses the agent, then lists what is in {@code java.io.tmpdir} and the working directory while the agent still
 * runs (a file deleted on exit would not show afterwards). Args: N.
 */
public final class NothingOnDiskApp {
    public static void main(String[] args) {
        ChildApp.print("STARTED", true);
        int n = Integer.parseInt(args[0]);
        RoundTrip.run(new MemoryClient(), n, "on disk?");
        ChildApp.print("TMP_FILES", List.of(listed(System.getProperty("java.io.tmpdir"))));
        ChildApp.print("CWD_FILES", List.of(listed(System.getProperty("user.dir"))));
        ChildApp.print("DONE", true);
    }

    private static String[] listed(String dir) {
        String[] names = new File(dir).list();
        return names == null ? new String[] {"<not a directory: " + dir + ">"} : names;
    }
}

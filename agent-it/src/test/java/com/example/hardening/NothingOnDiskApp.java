package com.example.hardening;

import com.example.support.ChildApp;
import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;

/**
 * Uses the agent, then lists what is in {@code java.io.tmpdir} and the working directory while the agent still
 * runs (a file deleted on exit would not show afterwards). Args: N.
 */
public final class NothingOnDiskApp {
    public static void main(String[] args) {
        ChildApp.print("STARTED", true);
        int n = Integer.parseInt(args[0]);
        List<String> received = new CopyOnWriteArrayList<>();
        LocalEventBus.subscribe(Selector.all(), e -> received.add(e.breadcrumbId()));
        MemoryClient client = new MemoryClient();
        List<String> ids = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(client.createBreadcrumb(Bodies.simple("on disk? " + i)));
        }
        ChildApp.await(() -> received.containsAll(ids), 10_000);
        ChildApp.print("ALL_RECEIVED", received.containsAll(ids));
        ChildApp.print("TMP_FILES", List.of(listed(System.getProperty("java.io.tmpdir"))));
        ChildApp.print("CWD_FILES", List.of(listed(System.getProperty("user.dir"))));
        ChildApp.print("DONE", true);
    }

    private static String[] listed(String dir) {
        String[] names = new File(dir).list();
        return names == null ? new String[] {"<not a directory: " + dir + ">"} : names;
    }
}

package com.example.coexist;

import com.example.support.ChildApp;
import com.example.truth.WireClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rcrt.localbus.BreadcrumbEvent;
import org.rcrt.localbus.LocalEventBus;
import org.rcrt.localbus.Selector;
import org.rcrt.localbus.SubscribeOptions;

/**
 * An ordinary runner, whatever other agents share its JVM: N creates over real HTTP, then each record read back.
 * It prints what it got from the server ({@code RESULT}, the same with or without any agent) and what the bus
 * gave it: how many local events per created id and how many of them differ from the create they stand for.
 * Args: base URL, N.
 */
public final class CoexistApp {
    private static final String SCHEMA = "coexist.v1";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int n = Integer.parseInt(args[1]);
        UUID owner = UUID.randomUUID();
        WireClient client = new WireClient(base, WireClient.requestToken(base, owner));
        Map<String, List<BreadcrumbEvent>> local = new ConcurrentHashMap<>();
        LocalEventBus.subscribe(Selector.all(),
                e -> local.computeIfAbsent(e.breadcrumbId(), id -> new CopyOnWriteArrayList<>()).add(e),
                SubscribeOptions.defaults().withName("coexist"));

        List<String> ids = new ArrayList<>();
        List<String> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> created = client.createBreadcrumb(body(i));
            String id = (String) created.get("id");
            ids.add(id);
            Map<String, Object> record = client.fullBreadcrumb(id);
            result.add(new TreeSet<>(created.keySet()) + " " + record.get("title") + " v" + record.get("version")
                    + " " + record.get("context"));
        }
        ChildApp.print("RESULT", result);

        ChildApp.await(() -> local.keySet().containsAll(ids), 10_000);
        ChildApp.sleep(300); // a second event for an id would arrive by now
        long wrong = 0;
        for (int i = 0; i < n; i++) {
            for (BreadcrumbEvent e : local.getOrDefault(ids.get(i), List.of())) {
                wrong += standsFor(e, i, owner) ? 0 : 1;
            }
        }
        Set<String> foreign = new TreeSet<>(local.keySet());
        ids.forEach(foreign::remove);
        ChildApp.print("EVENTS_PER_ID", ids.stream().map(id -> local.getOrDefault(id, List.of()).size()).distinct().sorted().toList());
        ChildApp.print("WRONG_EVENTS", wrong);
        ChildApp.print("FOREIGN_EVENTS", foreign.size());
        // which agents run here, told by their threads: proof the other agent is not merely on the command line
        ChildApp.print("THREADS", Thread.getAllStackTraces().keySet().stream()
                .map(t -> t.getName().replaceAll("[-_ ]?\\d+$", "")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        ChildApp.print("DONE", true);
    }

    private static Map<String, Object> body(int i) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "coexist-" + i);
        body.put("context", Map.of("n", i));
        body.put("tags", List.of("coexist"));
        body.put("schema_name", SCHEMA);
        return body;
    }

    private static boolean standsFor(BreadcrumbEvent e, int i, UUID owner) {
        return e.isComplete() && e.version() == 1 && "breadcrumb.updated".equals(e.type()) && SCHEMA.equals(e.schemaName())
                && List.of("coexist").equals(e.tags()) && Map.of("n", i).equals(normalised(e.context()))
                && owner.toString().equals(e.ownerId());
    }

    /** JSON numbers may come back as Long or Integer; compare them as ints. */
    private static Map<String, Object> normalised(Map<String, Object> context) {
        Map<String, Object> m = new LinkedHashMap<>(context);
        m.replaceAll((k, v) -> v instanceof Number num ? num.intValue() : v);
        return m;
    }
}

package com.example.boot;

import com.example.clients.Bodies;
import com.example.clients.Report;
import com.example.gen.restclient.api.DefaultApi;
import com.example.gen.restclient.model.BreadcrumbCreate;
import com.example.gen.restclient.model.BreadcrumbUpdate;
import com.example.gen.restclient.model.IdResp;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An ordinary Spring Boot RCRT runner: the generated RestClient client is a bean behind aspects (so the
 * application holds a CGLIB proxy of it; one of them answers a failed create with a placeholder), and {@link EventBridge} is the component RCRT events go to. It runs the
 * cases of every client application, then exits. Arguments: {@code --rcrt.url=<base> --expected.events=<n>}.
 */
@SpringBootApplication
public class BootRunner implements CommandLineRunner {
    static final String LIB = "boot";

    private final DefaultApi rcrt;
    private final EventBridge bridge;
    private final int expectedEvents;

    BootRunner(DefaultApi rcrt, EventBridge bridge,
               @org.springframework.beans.factory.annotation.Value("${expected.events:0}") int expectedEvents) {
        this.rcrt = rcrt;
        this.bridge = bridge;
        this.expectedEvents = expectedEvents;
    }

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(BootRunner.class, args)));
    }

    @Override
    public void run(String... args) throws Exception {
        Report report = bridge.report();
        Report.line("PROXY " + (rcrt.getClass() != DefaultApi.class));
        report.call("create", () -> rcrt.breadcrumbsPost(create("create"), null));
        report.call("create-500", () -> rcrt.breadcrumbsPost(create("create-500"), null));
        report.call(CreateFallback.CASE, () -> rcrt.breadcrumbsPost(create(CreateFallback.CASE), null));
        for (String c : new String[] {"update", "update-412"}) {
            IdResp created = report.call(c + ".create", () -> rcrt.breadcrumbsPost(create(c), null));
            String ifMatch = c.equals("update") ? Bodies.IF_MATCH_CURRENT : Bodies.IF_MATCH_STALE;
            report.call(c, () -> rcrt.breadcrumbsIdPatch(created.getId(),
                    new BreadcrumbUpdate().context(Bodies.patchedContext(LIB, c)), ifMatch));
        }
        report.finish(expectedEvents);
    }

    private static BreadcrumbCreate create(String caseName) {
        return new BreadcrumbCreate().title(Bodies.title(caseName)).context(Bodies.context(LIB, caseName))
                .tags(Bodies.tags(LIB)).schemaName(Bodies.SCHEMA);
    }
}

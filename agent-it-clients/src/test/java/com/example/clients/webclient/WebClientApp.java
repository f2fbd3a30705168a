package com.example.clients.webclient;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.webclient.ApiClient;
import com.example.gen.webclient.api.DefaultApi;
import com.example.gen.webclient.model.BreadcrumbCreate;
import com.example.gen.webclient.model.BreadcrumbUpdate;
import com.example.gen.webclient.model.IdResp;
import java.time.Duration;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The openapi-generator {@code webclient} client: every call returns a cold {@code Mono}, and the HTTP request
 * happens when the application subscribes (here by {@code block()}): once per subscription, never without one.
 * Args: base URL, expected events.
 */
public final class WebClientApp {
    static final String LIB = "webclient";
    /** Events beyond the standard cases: the Mono subscribed twice makes two creates. */
    public static final int EXTRA_EVENTS = 2;
    private static final Duration WAIT = Duration.ofSeconds(20);

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        ApiClient client = new ApiClient();
        client.setBasePath(args[0]);
        client.setBearerToken(Bodies.TOKEN);
        DefaultApi rcrt = new DefaultApi(client);
        Crud.runStandardCases(report, new Crud<IdResp>() {
            public IdResp create(String c) {
                return rcrt.breadcrumbsPost(body(c), null).block(WAIT);
            }

            public UUID idOf(IdResp created) {
                return created.getId();
            }

            public Object update(UUID id, String c, String ifMatch) {
                return rcrt.breadcrumbsIdPatch(id, new BreadcrumbUpdate().context(Bodies.patchedContext(LIB, c)), ifMatch)
                        .block(WAIT);
            }
        });
        report.call("create-twice", () -> {
            Mono<IdResp> mono = rcrt.breadcrumbsPost(body("create-twice"), null);
            return mono.block(WAIT) + " then " + mono.block(WAIT);
        });
        report.call("create-unsubscribed", () -> {
            Mono<IdResp> mono = rcrt.breadcrumbsPost(body("create-unsubscribed"), null);
            return "not subscribed: " + (mono != null);
        });
        report.finish(Integer.parseInt(args[1]));
    }

    static BreadcrumbCreate body(String c) {
        return new BreadcrumbCreate().title(Bodies.title(c)).context(Bodies.context(LIB, c)).tags(Bodies.tags(LIB))
                .schemaName(Bodies.SCHEMA);
    }
}

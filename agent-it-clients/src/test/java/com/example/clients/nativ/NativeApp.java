package com.example.clients.nativ;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.nativ.ApiClient;
import com.example.gen.nativ.api.DefaultApi;
import com.example.gen.nativ.model.BreadcrumbCreate;
import com.example.gen.nativ.model.BreadcrumbUpdate;
import com.example.gen.nativ.model.IdResp;
import java.util.UUID;

/** The openapi-generator {@code native} client (java.net.http), as an application uses it. Args: base URL, expected events. */
public final class NativeApp {
    static final String LIB = "native";

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        ApiClient client = new ApiClient();
        client.updateBaseUri(args[0]);
        // The native library has no bearer helper: the generator's docs set the header in the request interceptor.
        // The token is read once at start, as from the application's configuration, and the interceptor holds it.
        String token = Bodies.TOKEN;
        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        DefaultApi rcrt = new DefaultApi(client);
        Crud.runStandardCases(report, new Crud<IdResp>() {
            public IdResp create(String c) throws Exception {
                return rcrt.breadcrumbsPost(body(c), null);
            }

            public UUID idOf(IdResp created) {
                return created.getId();
            }

            public Object update(UUID id, String c, String ifMatch) throws Exception {
                return rcrt.breadcrumbsIdPatch(id, new BreadcrumbUpdate().context(Bodies.patchedContext(LIB, c)), ifMatch);
            }
        });
        report.call("create-http-info", () -> {
            var r = rcrt.breadcrumbsPostWithHttpInfo(body("create-http-info"), null);
            return "status=" + r.getStatusCode() + " " + r.getData();
        });
        report.finish(Integer.parseInt(args[1]));
    }

    static BreadcrumbCreate body(String c) {
        return new BreadcrumbCreate().title(Bodies.title(c)).context(Bodies.context(LIB, c)).tags(Bodies.tags(LIB))
                .schemaName(Bodies.SCHEMA);
    }
}

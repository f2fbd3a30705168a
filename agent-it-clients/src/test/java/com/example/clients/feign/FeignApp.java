package com.example.clients.feign;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.feign.ApiClient;
import com.example.gen.feign.api.DefaultApi;
import com.example.gen.feign.model.BreadcrumbCreate;
import com.example.gen.feign.model.BreadcrumbUpdate;
import com.example.gen.feign.model.IdResp;
import java.util.UUID;

/**
 * The openapi-generator {@code feign} client: {@code DefaultApi} is an interface, and the application holds the JDK
 * dynamic proxy Feign builds for it. Args: base URL, expected events.
 */
public final class FeignApp {
    static final String LIB = "feign";

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        ApiClient client = new ApiClient("bearerAuth");
        client.setBasePath(args[0]);
        client.setBearerToken(Bodies.TOKEN);
        DefaultApi rcrt = client.buildClient(DefaultApi.class);
        Report.line("PROXY " + java.lang.reflect.Proxy.isProxyClass(rcrt.getClass()));
        Crud.runStandardCases(report, new Crud<IdResp>() {
            public IdResp create(String c) {
                return rcrt.breadcrumbsPost(body(c), null);
            }

            public UUID idOf(IdResp created) {
                return created.getId();
            }

            public Object update(UUID id, String c, String ifMatch) {
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

package com.example.clients.resttemplate;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.resttemplate.ApiClient;
import com.example.gen.resttemplate.api.DefaultApi;
import com.example.gen.resttemplate.model.BreadcrumbCreate;
import com.example.gen.resttemplate.model.BreadcrumbUpdate;
import com.example.gen.resttemplate.model.IdResp;
import java.util.UUID;

/** The openapi-generator {@code resttemplate} client, as an application uses it. Args: base URL, expected events. */
public final class RestTemplateApp {
    static final String LIB = "resttemplate";

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        // the JDK's HttpURLConnection can't send PATCH: an application that patches gives RestTemplate HttpComponents
        ApiClient client = new ApiClient(new org.springframework.web.client.RestTemplate(
                new org.springframework.http.client.HttpComponentsClientHttpRequestFactory()));
        client.setBasePath(args[0]);
        client.setBearerToken(Bodies.TOKEN);
        DefaultApi rcrt = new DefaultApi(client);
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
            return "status=" + r.getStatusCode().value() + " " + r.getBody();
        });
        report.finish(Integer.parseInt(args[1]));
    }

    static BreadcrumbCreate body(String c) {
        return new BreadcrumbCreate().title(Bodies.title(c)).context(Bodies.context(LIB, c)).tags(Bodies.tags(LIB))
                .schemaName(Bodies.SCHEMA);
    }
}

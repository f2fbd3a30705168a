package com.example.clients.okhttp;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.okhttp.ApiCallback;
import com.example.gen.okhttp.ApiClient;
import com.example.gen.okhttp.ApiException;
import com.example.gen.okhttp.api.DefaultApi;
import com.example.gen.okhttp.model.BreadcrumbCreate;
import com.example.gen.okhttp.model.BreadcrumbUpdate;
import com.example.gen.okhttp.model.IdResp;
import com.example.gen.okhttp.model.OkResp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The openapi-generator {@code okhttp-gson} client (its default library) in its three forms: the blocking call, the
 * {@code …WithHttpInfo} call returning {@code ApiResponse<T>}, and the {@code …Async(…, ApiCallback)} call whose
 * callback runs on OkHttp's dispatcher thread. Args: base URL, expected events.
 */
public final class OkHttpApp {
    static final String LIB = "okhttp-gson";
    /** Events the cases beyond the standard ones produce: http-info, async, and the async update's create and update. */
    public static final int EXTRA_EVENTS = 4;

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        ApiClient client = new ApiClient();
        client.setBasePath(args[0]);
        client.setBearerToken(Bodies.TOKEN);
        DefaultApi rcrt = new DefaultApi(client);
        Crud.runStandardCases(report, new Crud<IdResp>() {
            public IdResp create(String c) throws ApiException {
                return rcrt.breadcrumbsPost(body(c), null);
            }

            public UUID idOf(IdResp created) {
                return created.getId();
            }

            public Object update(UUID id, String c, String ifMatch) throws ApiException {
                return rcrt.breadcrumbsIdPatch(id, patch(c), ifMatch);
            }
        });
        report.call("create-http-info", () -> {
            var r = rcrt.breadcrumbsPostWithHttpInfo(body("create-http-info"), null);
            return "status=" + r.getStatusCode() + " " + r.getData();
        });
        report.call("create-async", () -> {
            Outcome<IdResp> o = new Outcome<>();
            rcrt.breadcrumbsPostAsync(body("create-async"), null, o);
            return o.get();
        });
        report.call("create-async-500", () -> {
            Outcome<IdResp> o = new Outcome<>();
            rcrt.breadcrumbsPostAsync(body("create-async-500"), null, o);
            return o.get();
        });
        // The async update runs on a breadcrumb created by the blocking call, as an application mixing both would.
        Crud.updateCase(report, new Crud<IdResp>() {
            public IdResp create(String c) throws ApiException {
                return rcrt.breadcrumbsPost(body(c), null);
            }

            public UUID idOf(IdResp created) {
                return created.getId();
            }

            public Object update(UUID id, String c, String ifMatch) throws Exception {
                Outcome<OkResp> o = new Outcome<>();
                rcrt.breadcrumbsIdPatchAsync(id, patch(c), ifMatch, o);
                return o.get();
            }
        }, "update-async", Bodies.IF_MATCH_CURRENT);
        report.finish(Integer.parseInt(args[1]));
        // OkHttp's idle dispatcher threads are not daemons and would keep the JVM up for another minute.
        System.exit(0);
    }

    /** The application's callback: it records what OkHttp's dispatcher thread handed it, as one line. */
    static final class Outcome<T> implements ApiCallback<T> {
        private final CompletableFuture<String> done = new CompletableFuture<>();

        @Override
        public void onSuccess(T result, int statusCode, Map<String, List<String>> headers) {
            done.complete("onSuccess status=" + statusCode + " on " + thread() + " " + result);
        }

        @Override
        public void onFailure(ApiException e, int statusCode, Map<String, List<String>> headers) {
            done.complete("onFailure status=" + statusCode + " on " + thread() + " " + Report.describe(e));
        }

        @Override
        public void onUploadProgress(long bytesWritten, long contentLength, boolean finished) {}

        @Override
        public void onDownloadProgress(long bytesRead, long contentLength, boolean finished) {}

        String get() throws Exception {
            return done.get(20, TimeUnit.SECONDS);
        }

        private static String thread() {
            return Thread.currentThread().getName().startsWith("OkHttp") ? "okhttp-dispatcher" : "other-thread";
        }
    }

    static BreadcrumbCreate body(String c) {
        return new BreadcrumbCreate().title(Bodies.title(c)).context(Bodies.context(LIB, c)).tags(Bodies.tags(LIB))
                .schemaName(Bodies.SCHEMA);
    }

    static BreadcrumbUpdate patch(String c) {
        return new BreadcrumbUpdate().context(Bodies.patchedContext(LIB, c));
    }
}

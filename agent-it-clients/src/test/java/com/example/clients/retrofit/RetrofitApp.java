package com.example.clients.retrofit;

import com.example.clients.Bodies;
import com.example.clients.BusEvents;
import com.example.clients.Crud;
import com.example.clients.Report;
import com.example.gen.retrofit.ApiClient;
import com.example.gen.retrofit.api.DefaultApi;
import com.example.gen.retrofit.model.BreadcrumbCreate;
import com.example.gen.retrofit.model.BreadcrumbUpdate;
import com.example.gen.retrofit.model.IdResp;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * The openapi-generator {@code retrofit2} client: each method returns a {@code Call<T>} that the application
 * executes later ({@code execute()} or {@code enqueue(Callback)}); a non-2xx answer is a {@code Response} with that
 * code, not an exception. Args: base URL, expected events.
 */
public final class RetrofitApp {
    static final String LIB = "retrofit2";
    /** Events beyond the standard cases: the enqueued create. */
    public static final int EXTRA_EVENTS = 1;

    public static void main(String[] args) throws Exception {
        Report report = BusEvents.listen();
        ApiClient client = new ApiClient("bearerAuth");
        client.setBearerToken(Bodies.TOKEN);
        client.getAdapterBuilder().baseUrl(args[0] + "/");
        DefaultApi rcrt = client.createService(DefaultApi.class);
        Crud.runStandardCases(report, new Crud<Answer>() {
            public Answer create(String c) throws Exception {
                return Answer.of(rcrt.breadcrumbsPost(body(c), null).execute());
            }

            public UUID idOf(Answer created) {
                return ((IdResp) created.body()).getId();
            }

            public Object update(UUID id, String c, String ifMatch) throws Exception {
                return Answer.of(rcrt.breadcrumbsIdPatch(id, new BreadcrumbUpdate().context(Bodies.patchedContext(LIB, c)),
                        ifMatch).execute());
            }
        });
        report.call("create-enqueue", () -> {
            CompletableFuture<String> done = new CompletableFuture<>();
            rcrt.breadcrumbsPost(body("create-enqueue"), null).enqueue(new Callback<>() {
                @Override
                public void onResponse(Call<IdResp> call, Response<IdResp> response) {
                    done.complete("onResponse " + Answer.of(response));
                }

                @Override
                public void onFailure(Call<IdResp> call, Throwable t) {
                    done.complete("onFailure " + Report.describe(t));
                }
            });
            return done.get(20, TimeUnit.SECONDS);
        });
        report.call("create-never-executed", () -> {
            Call<IdResp> call = rcrt.breadcrumbsPost(body("create-never-executed"), null);
            return "executed=" + call.isExecuted();
        });
        report.finish(Integer.parseInt(args[1]));
        // OkHttp's idle dispatcher threads are not daemons and would keep the JVM up for another minute.
        System.exit(0);
    }

    /** A Retrofit response as one line: what the application reads from it. */
    record Answer(int code, Object body) {
        static Answer of(Response<?> r) {
            if (!r.isSuccessful()) {
                r.errorBody().close(); // as the application must, or OkHttp reports a leaked connection
                return new Answer(r.code(), "error body");
            }
            return new Answer(r.code(), r.body());
        }
    }

    static BreadcrumbCreate body(String c) {
        return new BreadcrumbCreate().title(Bodies.title(c)).context(Bodies.context(LIB, c)).tags(Bodies.tags(LIB))
                .schemaName(Bodies.SCHEMA);
    }
}

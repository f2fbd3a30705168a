package com.example.clients.kotlin

import com.example.clients.Bodies
import com.example.clients.BusEvents
import com.example.clients.Crud
import com.fasterxml.jackson.databind.ObjectMapper
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.util.UUID
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runBlocking

/** What RCRT answered something other than 2xx with: the application's own failure type. */
class RcrtException(val status: Int) : RuntimeException("RCRT answered $status")

/**
 * A Kotlin team's hand-written RCRT client: `suspend` functions, so kotlinc gives each a `Continuation` parameter and
 * it returns `COROUTINE_SUSPENDED` to its caller long before the HTTP answer is there.
 */
class KotlinRcrtClient(private val base: URI, private val token: String) {
    private val http = HttpClient.newHttpClient()
    private val json = ObjectMapper()

    suspend fun createBreadcrumb(body: Map<String, Any?>): String {
        val answer = send(HttpRequest.newBuilder(base.resolve("/breadcrumbs"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))))
        return json.readTree(answer).get("id").asText()
    }

    suspend fun updateBreadcrumb(id: String, patch: Map<String, Any?>, ifMatch: String): Boolean {
        val answer = send(HttpRequest.newBuilder(base.resolve("/breadcrumbs/$id"))
                .header("If-Match", ifMatch)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(patch))))
        return json.readTree(answer).get("ok").asBoolean()
    }

    private suspend fun send(request: HttpRequest.Builder): String {
        val response = http.sendAsync(request.header("Content-Type", "application/json")
                .header("Authorization", "Bearer $token").build(), HttpResponse.BodyHandlers.ofString()).await()
        if (response.statusCode() / 100 != 2) {
            throw RcrtException(response.statusCode())
        }
        return response.body()
    }
}

/**
 * The same create as a `suspend` function with a blocking body, as teams write when they call blocking code from
 * coroutines: it has no suspension point, so it returns its value at once and never resumes its continuation.
 */
class KotlinBlockingRcrtClient(private val base: URI, private val token: String) {
    private val http = HttpClient.newHttpClient()
    private val json = ObjectMapper()

    @Suppress("RedundantSuspendModifier")
    suspend fun createBreadcrumb(body: Map<String, Any?>): String {
        val response = http.send(HttpRequest.newBuilder(base.resolve("/breadcrumbs"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer $token")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString())
        if (response.statusCode() / 100 != 2) {
            throw RcrtException(response.statusCode())
        }
        return json.readTree(response.body()).get("id").asText()
    }
}

private const val LIB = "kotlin"

/**
 * The coroutine frames of a failure's stack trace, on one line. In kotlinx.coroutines' debug mode a failure that
 * crosses a suspension (a connection refused inside `await`) gets the frames of the continuations it crossed:
 * a decorated continuation that broke that chain would show here.
 */
private fun coroutineFrames(e: Throwable): String = e.stackTrace.filter { it.className.startsWith("com.example.") }
        .joinToString(",") { it.className.substringAfterLast('.') + "." + it.methodName }

/** A create that can't connect: its failure crosses the `await`. */
const val UNREACHABLE = "unreachable"

/** The cases of the blocking suspend client: a create, and one the server fails. */
const val BLOCKING_CREATE = "blocking"
const val BLOCKING_CREATE_500 = "blocking-500"

private fun body(c: String): Map<String, Any?> = mapOf("title" to Bodies.title(c), "context" to Bodies.context(LIB, c),
        "tags" to Bodies.tags(LIB), "schema_name" to Bodies.SCHEMA)

/** Args: base URL, expected events. */
fun main(args: Array<String>) {
    System.setProperty("kotlinx.coroutines.debug", "on") // before kotlinx.coroutines loads: stack trace recovery
    val report = BusEvents.listen()
    val rcrt = KotlinRcrtClient(URI.create(args[0]), Bodies.TOKEN)
    Crud.runStandardCases(report, object : Crud<String> {
        override fun create(caseName: String): String = runBlocking { rcrt.createBreadcrumb(body(caseName)) }

        override fun idOf(created: String): UUID = UUID.fromString(created)

        override fun update(id: UUID, caseName: String, ifMatch: String): Any = runBlocking {
            rcrt.updateBreadcrumb(id.toString(), mapOf("context" to Bodies.patchedContext(LIB, caseName)), ifMatch)
        }
    })
    val blocking = KotlinBlockingRcrtClient(URI.create(args[0]), Bodies.TOKEN)
    for (caseName in listOf(BLOCKING_CREATE, BLOCKING_CREATE_500)) {
        report.call(caseName) { runBlocking { blocking.createBreadcrumb(body(caseName)) } }
    }
    val nowhere = KotlinRcrtClient(URI.create("http://127.0.0.1:1"), Bodies.TOKEN)
    report.call(UNREACHABLE) {
        runBlocking {
            try {
                nowhere.createBreadcrumb(body(UNREACHABLE))
            } catch (e: java.io.IOException) {
                throw IllegalStateException("frames " + coroutineFrames(e))
            }
        }
    }
    report.finish(args[1].toInt())
}

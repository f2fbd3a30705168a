package org.rcrt.devserver;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One connected {@code GET /events/stream} client. Frames wait in a bounded queue and are written by
 * the request's own thread; a client that lets the queue fill up is disconnected, so a stalled reader
 * costs at most one queue of memory.
 */
final class SseStream {

    private static final System.Logger LOG = System.getLogger(SseStream.class.getName());

    private final Principal principal;
    private final BlockingQueue<String> frames;
    private final Object writerLock = new Object();
    private Thread writer;
    private boolean writerDone;
    private volatile boolean closing;

    SseStream(Principal principal, int queueCapacity) {
        this.principal = principal;
        this.frames = new ArrayBlockingQueue<>(queueCapacity);
    }

    UUID ownerId() {
        return principal.ownerId();
    }

    UUID agentId() {
        return principal.agentId();
    }

    /** Never blocks: the event dispatcher must not wait for any one client. */
    void offer(String frame) {
        if (closing) {
            return;
        }
        if (!frames.offer(frame)) {
            LOG.log(Level.DEBUG, "SSE client is not reading; disconnecting it");
            close();
        }
    }

    /**
     * Ends the stream. Interrupting the writer wakes it from the queue, and if it is stuck writing to
     * a client that stopped reading, closes the (interruptible) socket channel under it.
     */
    void close() {
        closing = true;
        synchronized (writerLock) {
            if (writer != null && !writerDone) {
                writer.interrupt();
            }
        }
    }

    /** Writes frames until the client goes away or {@link #close()} is called; runs on the request thread. */
    void run(HttpExchange exchange) throws IOException {
        synchronized (writerLock) {
            writer = Thread.currentThread();
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            // Newer JDKs keep the headers buffered until the first flush; clients must see 200 at once,
            // not at the first ping. (With nothing buffered, this writes no empty, terminating chunk.)
            out.flush();
            List<String> batch = new ArrayList<>();
            while (!closing) {
                batch.add(frames.take());
                frames.drainTo(batch);
                for (String frame : batch) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                batch.clear();
            }
        } catch (InterruptedException e) {
            // close() was called: fall through and let the exchange end normally.
        } finally {
            synchronized (writerLock) {
                writerDone = true;
                // A close() that raced with the end of the loop must not leak into the pooled thread's next request.
                Thread.interrupted();
            }
        }
    }

    static String frame(String json) {
        return "data: " + json + "\n\n";
    }
}

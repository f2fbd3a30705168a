package org.rcrt.localbus.agent.interception;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.rcrt.localbus.agent.event.OncePerKey;
import org.rcrt.localbus.agent.logging.AgentLog;

/**
 * A class file transformer whose Byte Buddy part is built on a background thread.
 *
 * <p>Building an agent builder loads some 800 Byte Buddy classes, a few hundred milliseconds that would otherwise
 * sit in {@code premain}, before the application's {@code main}. Here the application starts at once; the cheap
 * prefilter (class name, then the class file's bytes) runs on every class as it loads, and only a class that
 * passes it — an RCRT client — waits for the builder, if it is not ready yet. The wait is bounded: a client
 * loaded while the builder is somehow stuck stays uninstrumented (its events still arrive through SSE) rather
 * than hang the application.
 */
public final class DeferredTransformer implements ClassFileTransformer {
    private static final AgentLog LOG = AgentLog.get();
    private static final long MAX_WAIT_SECONDS = 30;
    private static final ExecutorService INIT = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rcrt-localbus-init");
        t.setDaemon(true);
        return t;
    });

    private final String what;
    private final Candidate candidate;
    private final CompletableFuture<ClassFileTransformer> byteBuddy;
    private final LongAdder transformed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final OncePerKey failureCauses = new OncePerKey(LOG);

    /** The cheap test a class passes before it waits for Byte Buddy. */
    public interface Candidate {
        /** On the defining loader (never {@code null}), the internal class name and the class file. */
        boolean test(ClassLoader loader, String className, byte[] classFile);
    }

    /**
     * @param candidate could this class need the transformer?
     * @param build     makes the Byte Buddy transformer; runs on the background thread
     */
    public DeferredTransformer(String what, Candidate candidate, Supplier<ClassFileTransformer> build) {
        this.what = what;
        this.candidate = candidate;
        this.byteBuddy = CompletableFuture.supplyAsync(build, INIT);
        this.byteBuddy.whenComplete((ok, failed) -> {
            if (failed != null) {
                LOG.error("the {} transformer could not be built; those classes stay as they are: {}", what, failed.toString());
            }
        });
    }

    /** Waits until the Byte Buddy part is ready (for attach, which then retransforms loaded classes). */
    public void awaitReady() throws Exception {
        byteBuddy.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public long transformedClasses() {
        return transformed.sum();
    }

    public long failures() {
        return failures.sum();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        try {
            if (loader == null || className == null || !candidate.test(loader, className, classFile)) {
                return null;
            }
            ClassFileTransformer delegate = byteBuddy.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            byte[] result = delegate.transform(module, loader, className, redefined, domain, classFile);
            if (result != null) {
                transformed.increment();
                LOG.debug("{}: instrumented {}", what, className);
            }
            return result;
        } catch (TimeoutException stuck) {
            failures.increment();
            LOG.warn("{}: {} was loaded while the transformer was still not ready after {} s; it stays as it is",
                    what, className, MAX_WAIT_SECONDS);
            return null;
        } catch (Throwable t) {
            failures.increment(); // the JVM would ignore it anyway; we count it
            failureCauses.warn(t.toString(), what + ": could not instrument " + className + ": " + t);
            return null;
        }
    }
}

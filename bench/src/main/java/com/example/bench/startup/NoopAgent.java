package com.example.bench.startup;

import java.lang.instrument.Instrumentation;

/** The floor any {@code -javaagent} pays: an empty {@code premain}. bench/startup.sh jars it as the no-op agent. */
public final class NoopAgent {
    private NoopAgent() {}

    public static void premain(String args, Instrumentation inst) {}
}

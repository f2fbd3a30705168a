package org.rcrt.localbus.bootstrap;

/**
 * Asks the agent to register its MBean now. The agent's registration thread backs off to a slow poll once the JVM
 * has run a minute without an MBean server (an idle agent should not wake the host every second), so the
 * {@code status} command, whose attach has only just created the server, creates one of these through that
 * server: it is on the bootstrap class path, where the server's default class loader repository finds it. Its one
 * effect is to wake that thread; creating it again or without the agent does nothing.
 */
public final class RegistrationRequest implements RegistrationRequestMBean {
    private static volatile Runnable wakeUp;

    public RegistrationRequest() {
        Runnable r = wakeUp;
        if (r != null) {
            r.run();
        }
    }

    /** Set once by the agent: what a request does. */
    public static void onRequest(Runnable r) {
        wakeUp = r;
    }
}

package org.rcrt.localbus.agent.interception;

/**
 * Never loaded as a client: its class file is run through the freshly built transformer on the background
 * thread, so that Byte Buddy's first — slow, cold — transformation happens there and not on the application's
 * thread when its real client class loads.
 */
final class WarmUpClient {
    String createBreadcrumb(Object body) {
        return String.valueOf(body);
    }
}

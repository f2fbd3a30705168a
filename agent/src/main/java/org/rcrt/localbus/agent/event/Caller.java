package org.rcrt.localbus.agent.event;

/**
 * Who made a call: the client instance, and the owner and agent ids of the bearer token that carried it.
 * {@code known} is false when no token was found or the owner could not be told for sure; owner-bound
 * subscribers then never get the event.
 */
public record Caller(String client, String ownerId, String agentId, boolean known) {
    public static final Caller UNKNOWN = new Caller(null, null, null, false);
    /** Tokens of more than one owner in one place: unknown, and nothing further out may say otherwise. */
    static final Caller AMBIGUOUS = new Caller(null, null, null, false);
}

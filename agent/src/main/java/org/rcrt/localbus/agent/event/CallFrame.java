package org.rcrt.localbus.agent.event;

/**
 * One intercepted method call that returned normally: one link of the chain an application call makes through
 * nested intercepted methods (an overload, {@code super}, a wrapper client, a proxy and its target).
 *
 * @param client   {@code this} of the call, {@code null} for a static method
 * @param method   {@code com.acme.Client.createBreadcrumb(Lcom/acme/Body;)Ljava/lang/String;}
 * @param args     the call's arguments, as passed
 * @param returned what it returned; for a {@code CompletionStage} the value it completed with
 */
public record CallFrame(Object client, String method, Object[] args, Object returned) {}

package org.rcrt.localbus.bootstrap;

/** The management interface of {@link RegistrationRequest}: it has nothing to show, creating it is the request. */
public interface RegistrationRequestMBean {}

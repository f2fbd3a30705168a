package org.rcrt.localbus.agent.event;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stands in for Jackson's {@code @JsonIgnore}, matched by simple name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonIgnore {}

package org.rcrt.localbus.agent.event;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stands in for Jackson's annotation: the agent matches it by simple name, never linking to Jackson. */
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonProperty {
    String value() default "";
}

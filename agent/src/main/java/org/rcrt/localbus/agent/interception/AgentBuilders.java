package org.rcrt.localbus.agent.interception;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/** How the agent makes its Byte Buddy agent builders. */
public final class AgentBuilders {
    private AgentBuilders() {}

    /**
     * Byte Buddy's default initialization strategy prepares its "Nexus" at construction, and that touches
     * {@code sun.misc.Unsafe}, which JDK 24+ warns about on stderr. This agent needs no Nexus (its builders use the
     * NoOp strategy), so Byte Buddy's own switch turns it off for the moment of construction. The property name is
     * the relocated one, so it can't affect the application's own Byte Buddy.
     */
    public static AgentBuilder newAgentBuilder() {
        String previous = System.getProperty(Nexus.PROPERTY);
        System.setProperty(Nexus.PROPERTY, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
        } finally {
            if (previous == null) {
                System.clearProperty(Nexus.PROPERTY);
            } else {
                System.setProperty(Nexus.PROPERTY, previous);
            }
        }
    }
}

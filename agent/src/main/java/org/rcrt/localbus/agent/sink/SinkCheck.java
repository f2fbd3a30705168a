package org.rcrt.localbus.agent.sink;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a configured sink without running any of its code, for the offline {@code scan}: the same method
 * lookup and parameter rules the agent applies when it registers the sink's instances.
 */
public final class SinkCheck {
    /** {@code text}: the method and how each parameter is given the event, or why the sink gets no calls. */
    public record Verdict(boolean supported, String text) {}

    private SinkCheck() {}

    /**
     * @param type                  the sink class, loaded but not initialised
     * @param applicationHasJackson whether the application's class path has Jackson's ObjectMapper
     */
    public static Verdict of(Class<?> type, String methodName, boolean applicationHasJackson) {
        try {
            Method method = SinkMethod.find(type, methodName);
            List<String> parameters = new ArrayList<>();
            Class<?>[] types = method.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                SinkMethod.Binding binding = SinkMethod.binding(types[i], method);
                if (binding == SinkMethod.Binding.JACKSON && !applicationHasJackson) {
                    throw SinkMethod.noJackson(types[i], method);
                }
                parameters.add((i == 0 ? "event" : "breadcrumb") + " as " + types[i].getSimpleName() + " (" + binding.text + ")");
            }
            String inherited = method.getDeclaringClass() == type ? "" : " (declared in " + method.getDeclaringClass().getName() + ")";
            return new Verdict(true, String.join(", ", parameters) + inherited);
        } catch (SinkMethod.Unsupported e) {
            return new Verdict(false, e.getMessage());
        } catch (LinkageError e) {
            return new Verdict(false, "its methods can't be resolved from the scanned classes: " + e);
        }
    }
}

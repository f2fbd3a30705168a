package org.rcrt.localbus.agent.sink;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rcrt.localbus.agent.config.AgentConfig.SinkSpec;
import org.rcrt.localbus.agent.interception.ClassFileScan;

/**
 * Which classes are sink classes: the configured ones, by exact name, and their subclasses, found as they load.
 *
 * <p>A subclass's class file names only its direct superclass, and that superclass may not be loaded yet when the
 * subclass is (the JVM transforms a class before it resolves its superclass). So a superclass that is neither
 * known nor from the JDK is looked up by its class file, through the loader, up the chain. Every name decided is
 * remembered, so each class file is read at most once; the memory is bounded by the classes the application has.
 */
final class SinkClasses {
    private static final int MAX_DEPTH = 32;
    /** The negative answer in {@link #bySuper}: not a sink class. */
    private static final SinkSpec NONE = new SinkSpec("", "");

    private final Map<String, SinkSpec> configured = new ConcurrentHashMap<>();
    /** Sink classes and subclasses found so far, and classes known not to be, by internal name. */
    private final Map<String, SinkSpec> bySuper = new ConcurrentHashMap<>();
    /** Classes (dotted names) whose constructors and sink method have been woven. */
    private final Set<String> woven = ConcurrentHashMap.newKeySet();

    SinkClasses(List<SinkSpec> specs) {
        for (SinkSpec s : specs) {
            configured.putIfAbsent(s.className().replace('.', '/'), s);
        }
    }

    /** On a class as it loads (internal name): is it a sink class or a subclass of one? */
    boolean isSinkClass(ClassLoader loader, String internalName, byte[] classFile) {
        if (configured.containsKey(internalName)) {
            return true;
        }
        SinkSpec inherited = ofSuper(loader, ClassFileScan.superName(classFile), 0);
        if (inherited != null) {
            bySuper.put(internalName, inherited);
            return true;
        }
        return false;
    }

    /** The spec a (dotted) sink class or subclass is registered with; {@code null} for any other class. */
    SinkSpec specOf(String className) {
        String internal = className.replace('.', '/');
        SinkSpec s = configured.get(internal);
        if (s == null) {
            s = bySuper.get(internal);
        }
        return s == NONE ? null : s;
    }

    void markWoven(String className) {
        woven.add(className);
    }

    boolean isWoven(String className) {
        return woven.contains(className);
    }

    private SinkSpec ofSuper(ClassLoader loader, String internalName, int depth) {
        if (internalName == null || internalName.startsWith("java/") || depth > MAX_DEPTH) {
            return null;
        }
        SinkSpec s = configured.get(internalName);
        if (s == null) {
            s = bySuper.get(internalName);
        }
        if (s == null) {
            s = ofSuper(loader, ClassFileScan.superName(classFile(loader, internalName)), depth + 1);
            bySuper.put(internalName, s == null ? NONE : s);
        }
        return s == NONE ? null : s;
    }

    private static byte[] classFile(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (Exception unreadable) {
            return new byte[0];
        }
    }
}

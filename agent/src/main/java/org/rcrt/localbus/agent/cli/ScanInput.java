package org.rcrt.localbus.agent.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * The class files of what {@code scan} was given, read as bytes and nothing more: a jar, a directory of classes, or
 * a class path of both. A Spring Boot fat jar (or its exploded directory) is read the way its launcher loads it:
 * {@code BOOT-INF/classes} and every jar in {@code BOOT-INF/lib}. Where a class name appears twice, the first entry
 * wins, as on a class path.
 */
final class ScanInput {
    private static final String BOOT_CLASSES = "BOOT-INF/classes/";
    private static final String BOOT_LIB = "BOOT-INF/lib/";

    /** One class file: its internal name, its bytes, and where it came from (for the report). */
    record ClassFile(String internalName, byte[] bytes, String origin) {}

    private final Map<String, ClassFile> classes = new LinkedHashMap<>();
    private final List<String> kinds = new ArrayList<>();

    static ScanInput read(String classPath) throws IOException {
        ScanInput input = new ScanInput();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                input.readDirectory(path);
            } else if (Files.isRegularFile(path)) {
                input.readJar(path);
            } else {
                throw new IOException("no such file or directory: " + entry);
            }
        }
        return input;
    }

    Map<String, ClassFile> classes() {
        return classes;
    }

    /** What was read, for the report: "a plain jar", "a Spring Boot fat jar (3 nested jars)", ... */
    String description() {
        return String.join(", ", kinds);
    }

    private void readDirectory(Path dir) throws IOException {
        Path boot = dir.resolve(BOOT_CLASSES);
        boolean isBoot = Files.isDirectory(boot);
        Path root = isBoot ? boot : dir;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = root.relativize(p).toString().replace(File.separatorChar, '/');
                if (isClassFile(name)) {
                    add(name, Files.readAllBytes(p), dir.toString());
                }
            }
        }
        int nested = 0;
        if (isBoot && Files.isDirectory(dir.resolve(BOOT_LIB))) {
            try (Stream<Path> jars = Files.list(dir.resolve(BOOT_LIB))) {
                for (Path jar : (Iterable<Path>) jars.sorted()::iterator) {
                    if (jar.toString().endsWith(".jar")) {
                        readNestedJar(Files.newInputStream(jar), BOOT_LIB + jar.getFileName());
                        nested++;
                    }
                }
            }
        }
        kinds.add(isBoot ? "an exploded Spring Boot application (" + nested + " jars in " + BOOT_LIB + ")" : "a directory");
    }

    private void readJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            boolean isBoot = zip.getEntry(BOOT_CLASSES) != null
                    || zip.stream().anyMatch(e -> e.getName().startsWith(BOOT_CLASSES));
            List<? extends ZipEntry> entries = zip.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
            int nested = 0;
            for (ZipEntry e : entries) {
                String name = e.getName();
                if (isBoot && name.startsWith(BOOT_CLASSES) && isClassFile(name.substring(BOOT_CLASSES.length()))) {
                    add(name.substring(BOOT_CLASSES.length()), readAll(zip.getInputStream(e)), jar + "!/" + BOOT_CLASSES);
                } else if (isBoot && name.startsWith(BOOT_LIB) && name.endsWith(".jar")) {
                    readNestedJar(zip.getInputStream(e), name);
                    nested++;
                } else if (!isBoot && isClassFile(name)) {
                    add(name, readAll(zip.getInputStream(e)), jar.toString());
                }
            }
            kinds.add(isBoot ? "a Spring Boot fat jar (" + nested + " jars in " + BOOT_LIB + ")" : "a plain jar");
        }
    }

    private void readNestedJar(InputStream in, String origin) throws IOException {
        byte[] bytes = readAll(in);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (isClassFile(e.getName())) {
                    add(e.getName(), zip.readAllBytes(), origin);
                }
            }
        }
    }

    /** A class of the application: not a module or package descriptor, not a multi-release variant. */
    private static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                && !name.endsWith("package-info.class");
    }

    private void add(String fileName, byte[] bytes, String origin) {
        String internalName = fileName.substring(0, fileName.length() - ".class".length());
        classes.putIfAbsent(internalName, new ClassFile(internalName, bytes, origin));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}

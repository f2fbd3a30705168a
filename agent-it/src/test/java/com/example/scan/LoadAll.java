package com.example.scan;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, without initialising, every class named in the file given as the argument, so that the agent sees each
 * class file once; prints {@code LOADED=n} and {@code FAILED=n} (a class whose dependencies are missing).
 */
public final class LoadAll {
    public static void main(String[] args) throws Exception {
        int loaded = 0;
        int failed = 0;
        for (String name : Files.readAllLines(Path.of(args[0]))) {
            try {
                Class.forName(name, false, LoadAll.class.getClassLoader());
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                failed++;
            }
        }
        System.out.println("LOADED=" + loaded);
        System.out.println("FAILED=" + failed);
    }
}

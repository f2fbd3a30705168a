package com.example.hardening;

import java.net.URL;
import java.net.URLClassLoader;

/** A web-app / plug-in style loader: its own URLs first for everything except {@code java.*}, then the parent. */
public final class ChildFirstClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    public ChildFirstClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("java.")) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notMine) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}

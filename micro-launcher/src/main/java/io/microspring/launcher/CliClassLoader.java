package io.microspring.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads classes and resources from one directory of a jar ({@code cli/} of {@code micro.jar}), beside the
 * JDK's only: reads the entries straight from the jar file, which costs less per class than a
 * {@code URLClassLoader} opening a {@code jar:} URL connection for each.
 */
final class CliClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ZipFile jar;
    private final String root;
    private final String base;
    private final ProtectionDomain domain;

    /** Opens {@code jarFile} (at {@code jarUrl}) for the entries under {@code root}, a directory ending in '/'. */
    CliClassLoader(File jarFile, URL jarUrl, String root) throws IOException {
        super("micro-cli", ClassLoader.getPlatformClassLoader());
        this.jar = new ZipFile(jarFile);
        this.root = root;
        this.base = "jar:" + jarUrl + "!/" + root;
        this.domain = new ProtectionDomain(new CodeSource(new URL(base), (CodeSigner[]) null), null, this, null);
    }

    /** Whether the directory holds {@code resource}. */
    boolean holds(String resource) {
        return jar.getEntry(root + resource) != null;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(root + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = jar.getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0 && getDefinedPackage(className.substring(0, dot)) == null) {
            try {
                definePackage(className.substring(0, dot), null, null, null, null, null, null, null);
            } catch (IllegalArgumentException definedMeanwhile) {
                // another thread defined it first
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        if (!holds(name)) {
            return null;
        }
        try {
            return new URL(base + name);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL resource = findResource(name);
        return Collections.enumeration(resource == null ? List.of() : List.of(resource));
    }
}

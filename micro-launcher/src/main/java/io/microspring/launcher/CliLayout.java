package io.microspring.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.Layouts;
import org.springframework.boot.loader.tools.LoaderClassesWriter;

/**
 * Spring Boot's executable jar layout plus, at the jar's root, {@link MicroLauncher} (the Main-Class)
 * with its {@link CliClassLoader}, and the entries of the CLI's jar under {@link MicroLauncher#CLI_ROOT}.
 */
final class CliLayout extends Layouts.Jar implements CustomLoaderLayout {

    /** The classes the launcher runs on, written at the jar's root. */
    private static final List<Class<?>> LAUNCHER = List.of(MicroLauncher.class, CliClassLoader.class);

    private final File cliJar;

    CliLayout(File cliJar) {
        this.cliJar = cliJar;
    }

    @Override
    public String getLauncherClassName() {
        return MicroLauncher.class.getName();
    }

    @Override
    public void writeLoadedClasses(LoaderClassesWriter writer) throws IOException {
        writer.writeLoaderClasses();
        for (Class<?> type : LAUNCHER) {
            String entry = type.getName().replace('.', '/') + ".class";
            try (InputStream content = type.getClassLoader().getResourceAsStream(entry)) {
                writer.writeEntry(entry, content);
            }
        }
        try (JarFile jar = new JarFile(cliJar)) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && !entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    try (InputStream content = jar.getInputStream(entry)) {
                        writer.writeEntry(MicroLauncher.CLI_ROOT + entry.getName(), content);
                    }
                }
            }
        }
    }
}

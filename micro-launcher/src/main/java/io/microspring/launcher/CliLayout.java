package io.microspring.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.springframework.boot.loader.tools.CustomLoaderLayout;
import org.springframework.boot.loader.tools.Layouts;
import org.springframework.boot.loader.tools.LoaderClassesWriter;

/**
 * Spring Boot's executable jar layout plus, at the jar's root, {@link MicroLauncher} (the Main-Class)
 * and the entries of the CLI's jar under {@link MicroLauncher#CLI_ROOT}.
 */
final class CliLayout extends Layouts.Jar implements CustomLoaderLayout {

    private static final String LAUNCHER_ENTRY = MicroLauncher.class.getName().replace('.', '/') + ".class";

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
        try (InputStream launcher = MicroLauncher.class.getClassLoader().getResourceAsStream(LAUNCHER_ENTRY)) {
            writer.writeEntry(LAUNCHER_ENTRY, launcher);
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

package io.microspring.launcher;

import java.io.File;

import org.springframework.boot.loader.tools.Layout;
import org.springframework.boot.loader.tools.LayoutFactory;

/**
 * spring-boot-maven-plugin's {@code <layoutFactory>} for {@code micro.jar}: Spring Boot's jar layout
 * with {@link MicroLauncher} as the Main-Class and the entries of {@code cliJar} (the query commands'
 * classes and their dependencies, merged into one jar) under {@link MicroLauncher#CLI_ROOT}.
 */
public class CliLayoutFactory implements LayoutFactory {

    private File cliJar;

    /** Set by Maven from {@code <cliJar>}. */
    public void setCliJar(File cliJar) {
        this.cliJar = cliJar;
    }

    @Override
    public Layout getLayout(File source) {
        if (cliJar == null || !cliJar.isFile()) {
            throw new IllegalStateException("the micro jar's layout needs <cliJar>, the query commands' classes: "
                    + cliJar);
        }
        return new CliLayout(cliJar);
    }
}

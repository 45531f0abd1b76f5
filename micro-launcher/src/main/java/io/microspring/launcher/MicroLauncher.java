package io.microspring.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;

/**
 * The Main-Class of {@code micro.jar}. The query commands ({@code micro call}, {@code micro list services}
 * ...) and the shell run from plain copies of their classes under {@code cli/} in the jar, read by a
 * {@link CliClassLoader} from the jar file itself: far faster than Spring Boot's loader reading the same
 * classes out of the nested jars. Everything else ({@code micro api}, {@code web}, {@code sidecar},
 * {@code bot}, {@code -Djarmode=tools}) goes to Spring Boot's launcher, which runs the Start-Class from
 * {@code BOOT-INF/}; the copies under {@code cli/} are invisible to it.
 */
public final class MicroLauncher {

    /** Where the jar holds the query commands' classes and resources. */
    public static final String CLI_ROOT = "cli/";

    private static final String SPRING_BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final String ENTRY = "io.microspring.gateway.Micro";
    private static final String DISPATCH = "io.microspring.toolkit.cli.MicroCli";

    private MicroLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        ClassLoader cli = System.getProperty("jarmode") == null ? cliLoader() : null;
        if (cli != null && handles(cli, args)) {
            Thread.currentThread().setContextClassLoader(cli);
            invoke(cli.loadClass(ENTRY).getMethod("main", String[].class), (Object) args);
        } else {
            invoke(Class.forName(SPRING_BOOT_LAUNCHER).getMethod("main", String[].class), (Object) args);
        }
    }

    /** A loader of the jar's {@code cli/} (beside the JDK's classes only), or null when the jar has none. */
    private static ClassLoader cliLoader() throws IOException, URISyntaxException {
        URL jar = MicroLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        File file = new File(jar.toURI());
        if (!file.isFile()) {
            return null;
        }
        CliClassLoader cli = new CliClassLoader(file, jar, CLI_ROOT);
        return cli.holds(ENTRY.replace('.', '/') + ".class") ? cli : null;
    }

    /** Whether the command line is one the CLI runs (its own {@code MicroCli.handles}). */
    private static boolean handles(ClassLoader cli, String[] args) throws Throwable {
        Method handles = cli.loadClass(DISPATCH).getMethod("handles", List.class);
        return (Boolean) invoke(handles, List.of(args));
    }

    private static Object invoke(Method method, Object argument) throws Throwable {
        try {
            return method.invoke(null, argument);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package io.microspring.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The Main-Class of {@code micro.jar}. The query commands ({@code micro call}, {@code micro list services}
 * ...) and the shell run from plain copies of their classes under {@code cli/} in the jar, loaded by a
 * {@link URLClassLoader} from the jar file itself: far faster than Spring Boot's loader reading the same
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
        Class<?> main = cli != null && handles(cli, args) ? cli.loadClass(ENTRY)
                : Class.forName(SPRING_BOOT_LAUNCHER);
        if (cli != null && main.getClassLoader() == cli) {
            Thread.currentThread().setContextClassLoader(cli);
        }
        invoke(main.getMethod("main", String[].class), (Object) args);
    }

    /** A loader over the jar's {@code cli/} (beside the JDK only), or null when the jar has none. */
    private static ClassLoader cliLoader() throws MalformedURLException {
        URL jar = MicroLauncher.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader cli = new URLClassLoader("micro-cli", new URL[] {new URL("jar:" + jar + "!/" + CLI_ROOT)},
                ClassLoader.getPlatformClassLoader());
        return cli.findResource(ENTRY.replace('.', '/') + ".class") == null ? null : cli;
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

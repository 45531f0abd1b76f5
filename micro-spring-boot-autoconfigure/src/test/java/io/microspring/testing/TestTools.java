package io.microspring.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Locates the external programs the integration tests run: servers installed by Debian packages
 * (on {@code PATH} or in {@code /usr/sbin}) and tools built into the tools cache
 * ({@code $MICRO_TOOLS_CACHE}, default {@code ~/.cache/micro-spring}) by the scripts in
 * {@code scripts/}.
 *
 * <p>A missing program is a test failure, never a skip: the message names the script to run.
 */
public final class TestTools {

    /** The script that installs or builds everything the integration tests need. */
    public static final String INSTALL_SCRIPT = "scripts/install-test-deps.sh";

    private TestTools() {}

    /** The tools cache directory ({@code $MICRO_TOOLS_CACHE} or {@code ~/.cache/micro-spring}). */
    public static Path cacheDir() {
        String env = System.getenv("MICRO_TOOLS_CACHE");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "micro-spring");
    }

    /**
     * Finds an executable by name on {@code PATH}, then in {@code /usr/sbin}, {@code /sbin} and
     * {@code extraDirs}.
     */
    public static Optional<Path> find(String name, Path... extraDirs) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Paths.get(dir));
                }
            }
        }
        dirs.add(Paths.get("/usr/sbin"));
        dirs.add(Paths.get("/sbin"));
        dirs.addAll(List.of(extraDirs));
        return dirs.stream()
                .map(dir -> dir.resolve(name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /** Like {@link #find} but fails with a message naming {@link #INSTALL_SCRIPT}. */
    public static Path require(String name, Path... extraDirs) {
        return find(name, extraDirs)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "'"
                                                + name
                                                + "' was not found on PATH, in /usr/sbin or in "
                                                + List.of(extraDirs)
                                                + ". Run "
                                                + INSTALL_SCRIPT
                                                + " (as root) to install the test servers and build the tools."));
    }

    /**
     * Finds {@code <cache>/<dirPrefix>*}/{@code name} (highest directory name first), e.g. the
     * consul binary in {@code consul-1.16.1/consul}.
     */
    public static Optional<Path> findInCache(String dirPrefix, String name) {
        Path cache = cacheDir();
        if (!Files.isDirectory(cache)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(dirPrefix))
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
                    .map(d -> d.resolve(name))
                    .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Directory for logs of external processes: {@code target/external-processes}. */
    public static Path logDir() {
        Path dir = Paths.get("target", "external-processes").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Deletes a directory tree, ignoring files that are already gone. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp dir left behind is not worth failing a test for
        }
    }
}

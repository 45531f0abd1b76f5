package io.microspring.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import io.microspring.testing.ExternalProcess;

/** Starts a second JVM running a {@code main} of the test classpath, as a separate process of the scenario. */
final class ChildJvm {

    private static final Pattern READY = Pattern.compile("^READY$");

    private ChildJvm() {
    }

    /** Starts {@code main} with {@code args} and waits for its {@code READY} line. */
    static ExternalProcess start(String name, Class<?> main, String... args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ExternalProcess process = ExternalProcess.builder(name, java)
                .args("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"), main.getName())
                .args(args)
                .start();
        try {
            process.awaitMatch(READY, Duration.ofSeconds(60), ExternalProcess.Stream.STDOUT);
        } catch (RuntimeException e) {
            process.kill();
            throw e;
        }
        return process;
    }
}

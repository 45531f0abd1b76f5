package io.microspring.toolkit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.microspring.testing.ExternalProcess;

/** The {@code micro} launcher run as a process, as a user runs it, with go-micro's environment variables. */
final class MicroProcess {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private MicroProcess() {
    }

    /** What a finished {@code micro} printed and its exit code. */
    record Outcome(int exitCode, List<String> stdout, List<String> stderr) {

        String out() {
            return String.join("\n", stdout);
        }

        String err() {
            return String.join("\n", stderr);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out() + "\nstderr:\n" + err();
        }
    }

    /** Runs {@code micro args...} with {@code env} and waits for it to end. */
    static Outcome run(Map<String, String> env, String... args) {
        ExternalProcess micro = start(env, args);
        int code = micro.waitFor(TIMEOUT);
        return new Outcome(code, micro.stdout(), micro.stderr());
    }

    /** Starts {@code micro args...} with {@code env}; the caller stops it. */
    static ExternalProcess start(Map<String, String> env, String... args) {
        ExternalProcess.Builder builder = ExternalProcess.builder("micro", Path.of("micro").toAbsolutePath())
                .env(env)
                .args(args)
                .stopTimeout(Duration.ofSeconds(10));
        for (String inherited : List.of("MICRO_REGISTRY", "MICRO_REGISTRY_ADDRESS", "MICRO_BROKER",
                "MICRO_BROKER_ADDRESS", "MICRO_PROXY", "MICRO_PROXY_ADDRESS")) {
            if (!env.containsKey(inherited)) {
                builder.unsetEnv(inherited);
            }
        }
        return builder.start();
    }
}

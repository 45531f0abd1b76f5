package io.microspring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Fast checks of the harness helpers with {@code /bin/sh} (no servers needed). */
class ExternalProcessTest {

    @Test
    void capturesOutputWaitsForALineAndStopsWithSigterm() throws Exception {
        try (ExternalProcess p =
                ExternalProcess.builder("sh", "/bin/sh")
                        .args("-c", "echo starting >&2; echo \"READY $GREETING\"; trap 'echo bye; exit 0' TERM; while :; do sleep 0.05; done")
                        .env("GREETING", "127.0.0.1:1234")
                        .start()) {
            String address =
                    p.awaitMatch(Pattern.compile("^READY (\\S+)"), Duration.ofSeconds(5)).group(1);
            assertEquals("127.0.0.1:1234", address);
            assertEquals("starting", p.awaitLine(Pattern.compile("start"), Duration.ofSeconds(5)));
            assertTrue(p.isAlive());

            p.stop(Duration.ofSeconds(5));
            assertFalse(p.isAlive());
            assertEquals(0, p.exitCode().getAsInt());
            assertTrue(p.stdout().contains("bye"), p.stdout().toString());
            assertTrue(Files.readString(p.logFile()).contains("[err] starting"));
        }
    }

    @Test
    void killEndsAProcessThatIgnoresSigterm() {
        ExternalProcess p =
                ExternalProcess.builder("stubborn", "/bin/sh")
                        .args("-c", "trap '' TERM; echo up; while :; do sleep 0.05; done")
                        .start();
        p.awaitLine(Pattern.compile("up"), Duration.ofSeconds(5));
        p.stop(Duration.ofMillis(300)); // SIGTERM is ignored: falls back to SIGKILL
        assertFalse(p.isAlive());
    }

    @Test
    void aSuspendedProcessCanStillBeStopped() {
        ExternalProcess p =
                ExternalProcess.builder("sleeper", "/bin/sh")
                        .args("-c", "trap 'exit 0' TERM; echo up; while :; do sleep 0.05; done")
                        .start();
        p.awaitLine(Pattern.compile("up"), Duration.ofSeconds(5));
        p.suspend();
        p.stop(Duration.ofSeconds(5));
        assertFalse(p.isAlive());
        assertEquals(0, p.exitCode().getAsInt());
    }

    @Test
    void awaitFailsWithTheOutputWhenTheProcessExits() {
        ExternalProcess p =
                ExternalProcess.builder("quitter", "/bin/sh").args("-c", "echo oops; exit 3").start();
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> p.awaitMatch(Pattern.compile("READY"), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("oops"), e.getMessage());
        assertEquals(3, p.waitFor(Duration.ofSeconds(5)));
    }

    @Test
    void missingToolsFailWithTheInstallScript() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> TestTools.require("no-such-tool-xyz"));
        assertTrue(e.getMessage().contains(TestTools.INSTALL_SCRIPT), e.getMessage());
    }

    @Test
    void freePortsAreDistinct() {
        int[] ports = FreePorts.find(5);
        assertEquals(5, Arrays.stream(ports).distinct().count());
        assertTrue(Arrays.stream(ports).allMatch(p -> p > 0 && !ExternalServer.canConnect(p)));
    }
}

package io.microspring.toolkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The CLI's commands through mDNS as a plain {@code java -jar micro.jar} (the launcher with
 * {@code MICRO_CDS=off}): the jar's Main-Class runs them from the plain copies of their classes under
 * {@code cli/} in the jar, not through Spring Boot's launcher and the nested jars.
 */
class MicroJarMdnsIT extends MicroCliMdnsIT {

    @Override
    Map<String, String> cliEnv() {
        return plainJar(super.cliEnv());
    }

    /** {@code env} plus what makes the launcher run {@code java -jar micro.jar}. */
    static Map<String, String> plainJar(Map<String, String> env) {
        Map<String, String> plain = new HashMap<>(env);
        plain.put("MICRO_CDS", "off");
        return plain;
    }

    @Test
    void queryCommandsRunFromTheJarsCliCopyWithoutSpringBootsLauncher() {
        Map<String, String> env = new HashMap<>(cliEnv());
        env.put("JAVA_OPTS", "-Xlog:class+load");
        MicroProcess.Outcome list = MicroProcess.run(env, "--registry=memory", "list", "services");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.stdout()).anyMatch(line -> line.matches(
                ".* io\\.microspring\\.toolkit\\.cli\\.MicroCli source: jar:file:.*/micro\\.jar!/cli/"));
        assertThat(list.stdout()).noneMatch(line -> line.contains("org.springframework.boot.loader"));
    }
}

package io.microspring.toolkit.cli;

import java.util.Map;

/**
 * The CLI's commands through etcd as a plain {@code java -jar micro.jar}: the etcd client (gRPC, its
 * service files merged) from the jar's {@code cli/} copy.
 */
class MicroJarEtcdIT extends MicroCliEtcdIT {

    @Override
    Map<String, String> cliEnv() {
        return MicroJarMdnsIT.plainJar(super.cliEnv());
    }
}

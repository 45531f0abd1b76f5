package io.microspring.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code micro} command line as go-micro's CLI does and turns its flags into Spring Boot
 * arguments: {@code micro --registry=etcd --registry_address=127.0.0.1:2379 api --handler=rpc}
 * becomes command {@code api} with {@code --micro.registry=etcd},
 * {@code --micro.registry-address=127.0.0.1:2379} and {@code --micro.api.handler=rpc}.
 * <ul>
 * <li>Flags may come before or after the command, with one or two dashes, as {@code --name=value}
 * or {@code --name value}; boolean flags take a value only with {@code =}.</li>
 * <li>micro api's own flags: {@code --namespace}, {@code --handler}, {@code --address}
 * (also as micro v1's {@code --api_namespace}, {@code --api_handler}, {@code --api_address}),
 * {@code --enable_rpc}, and {@code --enable_cors}, which allows every origin
 * ({@code micro.api.cors.allowed-origins=*}).</li>
 * <li>micro sidecar's own flags: {@code --namespace}, {@code --handler}, {@code --address},
 * {@code --server_name}, {@code --server_address}, {@code --server_version},
 * {@code --healthcheck_url} and {@code --endpoints} ({@code micro.sidecar.*}).</li>
 * <li>Any other go-micro flag {@code --some_flag} is property {@code micro.some-flag}, as for
 * services; Spring arguments ({@code --server.port=9000}, with a dot) pass unchanged.</li>
 * </ul>
 */
final class GoFlags {

    private static final String ENABLE_CORS = "enable_cors";

    private static final Map<String, String> API_FLAGS = Map.of(
            "namespace", "micro.api.namespace",
            "api_namespace", "micro.api.namespace",
            "handler", "micro.api.handler",
            "api_handler", "micro.api.handler",
            "address", "micro.api.address",
            "api_address", "micro.api.address",
            "enable_rpc", "micro.api.rpc.enabled",
            ENABLE_CORS, "micro.api.cors.allowed-origins");

    private static final Map<String, String> SIDECAR_FLAGS = Map.of(
            "namespace", "micro.sidecar.namespace",
            "handler", "micro.sidecar.handler",
            "address", "micro.sidecar.address",
            "server_name", "micro.sidecar.server-name",
            "server_address", "micro.sidecar.server-address",
            "server_version", "micro.sidecar.server-version",
            "healthcheck_url", "micro.sidecar.healthcheck-url",
            "endpoints", "micro.sidecar.endpoints");

    private static final Map<String, Map<String, String>> COMMAND_FLAGS = Map.of("api", API_FLAGS,
            "sidecar", SIDECAR_FLAGS);

    private static final Set<String> BOOLEAN_FLAGS = Set.of("enable_rpc", ENABLE_CORS, "register_fail_fast");

    private static final Set<String> UNSUPPORTED = Set.of("resolver", "type", "enable_tls",
            "enable_acme", "enable_stats", "acme_provider", "tls_cert_file", "tls_key_file", "tls_client_ca_file");

    private GoFlags() {
    }

    /** The command and its Spring arguments; the command is empty when none was given or help was asked. */
    static Command parse(List<String> args) {
        String command = "";
        List<String[]> flags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                if (!command.isEmpty()) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "' after command " + command);
                }
                command = arg;
                continue;
            }
            String flag = arg.substring(arg.startsWith("--") ? 2 : 1);
            if (flag.equals("h") || flag.equals("help")) {
                return new Command("", List.of());
            }
            int equals = flag.indexOf('=');
            String name = equals < 0 ? flag : flag.substring(0, equals);
            if (UNSUPPORTED.contains(name)) {
                throw new IllegalArgumentException("flag --" + name + " of micro is not supported here "
                        + "(see micro-gateway-app/README.md for the settings there are)");
            }
            String value;
            if (equals >= 0) {
                value = flag.substring(equals + 1);
            } else if (BOOLEAN_FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
            flags.add(new String[] {name, value});
        }
        List<String> springArgs = new ArrayList<>();
        for (String[] flag : flags) {
            String value = flag[0].equals(ENABLE_CORS) ? corsOrigins(flag[1]) : flag[1];
            springArgs.add("--" + property(flag[0], command) + "=" + value);
        }
        return new Command(command, List.copyOf(springArgs));
    }

    /** The property of {@code flag}: the command's own flags first, flags before the command included. */
    private static String property(String flag, String command) {
        if (flag.contains(".")) {
            return flag;
        }
        String own = COMMAND_FLAGS.getOrDefault(command, Map.of()).get(flag);
        return own != null ? own : "micro." + flag.replace('_', '-');
    }

    /** The origins {@code --enable_cors=value} allows: every one, as micro's CORS, or none. */
    private static String corsOrigins(String value) {
        return switch (value) {
            case "true" -> "*";
            case "false" -> "";
            default -> throw new IllegalArgumentException("flag --" + ENABLE_CORS + " takes true or false, not '"
                    + value + "'; to allow some origins only, set micro.api.cors.allowed-origins");
        };
    }

    /**
     * A parsed command line.
     *
     * @param name the command, {@code api}; empty when none was given
     * @param springArgs the flags as Spring Boot arguments
     */
    record Command(String name, List<String> springArgs) {
    }
}

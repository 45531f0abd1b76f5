package io.microspring.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.microspring.autoconfigure.GoMicroFlags;

/**
 * Reads a {@code micro} command line as go-micro's CLI does ({@link GoMicroFlags}) and turns its
 * flags into Spring Boot arguments: {@code micro --registry=etcd --registry_address=127.0.0.1:2379 api --handler=rpc}
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
 * <li>micro web's own flags: {@code --namespace} and {@code --address} (also as micro v1's
 * {@code --web_namespace} and {@code --web_address}), {@code micro.web.*}.</li>
 * <li>micro bot's own flags: {@code --inputs}, {@code --namespace}, {@code --slack_app_token},
 * {@code --slack_bot_token}, {@code --xmpp_jid}, {@code --xmpp_password}, {@code --xmpp_address}
 * and {@code --xmpp_rooms} ({@code micro.bot.*}).</li>
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

    private static final Map<String, String> WEB_FLAGS = Map.of(
            "namespace", "micro.web.namespace",
            "web_namespace", "micro.web.namespace",
            "address", "micro.web.address",
            "web_address", "micro.web.address");

    private static final Map<String, String> BOT_FLAGS = Map.of(
            "inputs", "micro.bot.inputs",
            "namespace", "micro.bot.namespace",
            "slack_app_token", "micro.bot.slack.app-token",
            "slack_bot_token", "micro.bot.slack.bot-token",
            "xmpp_jid", "micro.bot.xmpp.jid",
            "xmpp_password", "micro.bot.xmpp.password",
            "xmpp_address", "micro.bot.xmpp.address",
            "xmpp_rooms", "micro.bot.xmpp.rooms");

    /** Each command's own flags; they apply before the command as after it. */
    private static final Map<String, Map<String, String>> COMMAND_FLAGS = Map.of("api", API_FLAGS,
            "sidecar", SIDECAR_FLAGS, "web", WEB_FLAGS, "bot", BOT_FLAGS);

    private static final Set<String> BOOLEAN_FLAGS = Set.of("enable_rpc", ENABLE_CORS, "h", "help");

    private static final Set<String> UNSUPPORTED = Set.of("resolver", "type", "enable_tls",
            "enable_acme", "enable_stats", "acme_provider", "tls_cert_file", "tls_key_file", "tls_client_ca_file");

    private GoFlags() {
    }

    /** The command and its Spring arguments; the command is empty when none was given or help was asked. */
    static Command parse(List<String> args) {
        GoMicroFlags.CommandLine line = GoMicroFlags.parse(args, BOOLEAN_FLAGS);
        if (line.arguments().size() > 1) {
            throw new IllegalArgumentException("unexpected argument '" + line.arguments().get(1) + "' after command "
                    + line.arguments().get(0));
        }
        String command = line.arguments().isEmpty() ? "" : line.arguments().get(0);
        List<String> springArgs = new ArrayList<>();
        for (GoMicroFlags.Flag flag : line.flags()) {
            String name = flag.name();
            if (name.equals("h") || name.equals("help")) {
                return new Command("", List.of());
            }
            String property = property(flag, command);
            if (flag.value() == null) {
                throw new IllegalArgumentException("flag --" + name + " needs a value");
            }
            String value = name.equals(ENABLE_CORS) ? corsOrigins(flag.value()) : flag.value();
            springArgs.add("--" + property + "=" + value);
        }
        return new Command(command, List.copyOf(springArgs));
    }

    private static String property(GoMicroFlags.Flag flag, String command) {
        if (UNSUPPORTED.contains(flag.name())) {
            throw new IllegalArgumentException("flag --" + flag.name() + " of micro is not supported here"
                    + " (see micro-gateway-app/README.md for the settings there are)");
        }
        return COMMAND_FLAGS.getOrDefault(command, Map.of()).getOrDefault(flag.name(), flag.property());
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

package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.microspring.autoconfigure.GoMicroFlags;
import io.microspring.autoconfigure.MicroClientProperties;
import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.codec.json.JsonCodec;
import io.microspring.registry.mdns.MdnsSettings;
import io.microspring.sidecar.GoDuration;
import io.microspring.standalone.StandaloneSettings;
import io.microspring.toolkit.command.Output;

/**
 * The flags every query command takes, anywhere on the line, as go-micro's CLI: {@code --registry},
 * {@code --registry_address}, {@code --broker}, {@code --broker_address}, {@code --selector},
 * {@code --client_request_timeout}, {@code --client_retries}, {@code --proxy_address} (a running
 * {@code micro sidecar} to go through instead) and {@code --output}. A flag not given
 * is read from its {@code MICRO_*} environment variable ({@code MICRO_REGISTRY}); the defaults are
 * the services' (mDNS, the http broker).
 */
final class GlobalFlags {

    static final String OUTPUT = "output";
    /** The {@code micro sidecar} to go through ({@code host:port}), as micro's CLI's flag. */
    static final String PROXY_ADDRESS = "proxy_address";
    /**
     * How long the CLI's mDNS lookup of a service listens after the last answer: a node answers a
     * query on this machine within milliseconds, and a call needs one node, not the whole timeout.
     */
    static final Duration MDNS_SETTLE_TIME = Duration.ofMillis(30);
    private static final Set<String> HELP = Set.of("h", "help");
    private static final Set<String> NAMES = Set.of("registry", "registry_address", "broker", "broker_address",
            "selector", "client_request_timeout", "client_retries", OUTPUT, PROXY_ADDRESS);

    private final Map<String, String> values;
    private final List<String> rest;

    private GlobalFlags(Map<String, String> values, List<String> rest) {
        this.values = values;
        this.rest = rest;
    }

    /**
     * Takes the global flags out of {@code args}, read with go-micro's syntax ({@link GoMicroFlags});
     * {@code env} supplies those not given. The other flags stay for the command, after its words.
     */
    static GlobalFlags parse(List<String> args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (String name : NAMES) {
            String fromEnv = env.get("MICRO_" + name.toUpperCase(Locale.ROOT));
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(name, fromEnv.strip());
            }
        }
        GoMicroFlags.CommandLine line = GoMicroFlags.parse(args, HELP);
        List<String> rest = new ArrayList<>(line.arguments());
        for (GoMicroFlags.Flag flag : line.flags()) {
            if (NAMES.contains(flag.name())) {
                if (flag.value() == null) {
                    throw new IllegalArgumentException("flag --" + flag.name() + " needs a value");
                }
                values.put(flag.name(), flag.value());
            } else if (HELP.contains(flag.name())) {
                rest.add("--help");
            } else if (flag.value() == null) {
                rest.add("--" + flag.name());
            } else {
                rest.add("--" + flag.name() + "=" + flag.value());
            }
        }
        return new GlobalFlags(values, List.copyOf(rest));
    }

    /** The arguments that are not global flags: the command, its words and its own flags. */
    List<String> rest() {
        return rest;
    }

    /** Whether flag {@code name} has a value, from the line or from the environment. */
    boolean names(String name) {
        return values.containsKey(name);
    }

    /** The flags that have a value, from the line or from the environment. */
    Set<String> given() {
        return Set.copyOf(values.keySet());
    }

    /** {@code --output}, text unless given. */
    Output output() {
        return Output.of(values.getOrDefault(OUTPUT, "text"));
    }

    /** {@code --proxy_address}: the sidecar to go through, {@code null} when none is given. */
    String proxyAddress() {
        return values.get(PROXY_ADDRESS);
    }

    /** The registry, broker, selector and client settings. */
    StandaloneSettings settings(Map<String, String> env) {
        return new StandaloneSettings(values.getOrDefault("registry", "mdns"), list("registry_address"),
                values.getOrDefault("broker", "http"), list("broker_address"),
                values.getOrDefault("selector", "random"),
                callDefaults(), MdnsSettings.DEFAULT_QUERY_TIMEOUT, env.get("ETCD_USERNAME"), env.get("ETCD_PASSWORD"),
                env.get("CONSUL_HTTP_TOKEN"), MDNS_SETTLE_TIME);
    }

    /** The client's call defaults: go-micro's, with {@code --client_request_timeout} and {@code --client_retries}. */
    CallOptions callDefaults() {
        return CallOptions.builder()
                .requestTimeout(values.containsKey("client_request_timeout")
                        ? duration(values.get("client_request_timeout"), "client_request_timeout")
                        : MicroClientProperties.DEFAULT_REQUEST_TIMEOUT)
                .connectionTimeout(MicroClientProperties.DEFAULT_CONNECTION_TIMEOUT)
                .retries(retries())
                .backoff(Backoff.exponential(MicroClientProperties.DEFAULT_BACKOFF_BASE,
                        MicroClientProperties.DEFAULT_BACKOFF_MAX))
                .retryPolicy(RetryPolicy.unprocessedOnly())
                .contentType(JsonCodec.CONTENT_TYPE)
                .build();
    }

    /** {@code value} of flag {@code flag} as a Go duration; the error names the flag. */
    static Duration duration(String value, String flag) {
        try {
            return GoDuration.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + flag + " takes a duration such as 500ms, 5s or 1m30s, not '"
                    + value + "'", e);
        }
    }

    private int retries() {
        String value = values.get("client_retries");
        if (value == null) {
            return MicroClientProperties.DEFAULT_RETRIES;
        }
        try {
            int retries = Integer.parseInt(value.strip());
            if (retries >= 0) {
                return retries;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--client_retries takes a number from 0 up, not '" + value + "'");
    }

    private List<String> list(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.split(",")).stream().map(String::strip).filter(part -> !part.isEmpty()).toList();
    }
}

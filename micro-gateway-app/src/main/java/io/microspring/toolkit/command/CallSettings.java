package io.microspring.toolkit.command;

import java.time.Duration;
import java.util.Map;

import io.microspring.client.CallOptions;
import io.microspring.codec.Codecs;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.json.JsonRpcCodec;
import io.microspring.errors.MicroException;
import io.microspring.metadata.Metadata;

/**
 * The flags of {@code call}: {@code --address} (a node's host:port, skipping the registry),
 * {@code --metadata k=v}, {@code --content_type} ({@code application/json} or
 * {@code application/json-rpc}) and {@code --timeout}. {@code null} leaves a setting to the client.
 */
public record CallSettings(String address, Map<String, String> metadata, String contentType, Duration timeout) {

    /** No flags: the registry, no metadata, JSON, the client's timeout. */
    public static final CallSettings NONE = new CallSettings(null, Map.of(), null, null);

    public CallSettings {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        contentType = contentType == null ? null : Codecs.normalize(contentType);
        if (contentType != null && !contentType.equals(JsonCodec.CONTENT_TYPE)
                && !contentType.equals(JsonRpcCodec.CONTENT_TYPE)) {
            throw MicroException.badRequest(Command.ID, "--content_type %s is not one a JSON request can be sent as: "
                    + "use %s or %s", contentType, JsonCodec.CONTENT_TYPE, JsonRpcCodec.CONTENT_TYPE);
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw MicroException.badRequest(Command.ID, "--timeout must be positive, got %s", timeout);
        }
    }

    /** Whether the call goes out as JSON-RPC. */
    boolean jsonRpc() {
        return JsonRpcCodec.CONTENT_TYPE.equals(contentType);
    }

    /** The call options of these flags. */
    CallOptions options() {
        CallOptions.Builder options = CallOptions.builder().metadata(Metadata.of(metadata));
        if (address != null && !address.isBlank()) {
            options.address(address.strip()).retries(0);
        }
        if (contentType != null) {
            options.contentType(contentType);
        }
        if (timeout != null) {
            options.requestTimeout(timeout);
        }
        return options.build();
    }
}

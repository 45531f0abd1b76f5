package io.microspring.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.microspring.codec.bytes.BytesCodec;
import io.microspring.codec.json.JsonCodec;
import io.microspring.codec.json.JsonRpcCodec;
import io.microspring.codec.proto.ProtoRpcCodec;
import io.microspring.codec.proto.ProtobufCodec;

/**
 * The codecs a process speaks, looked up by content type. Parameters such as
 * {@code ; charset=utf-8} and letter case are ignored, {@code application/proto} and
 * {@code application/x-protobuf} mean {@code application/protobuf} (as in micro's api), and a
 * missing content type means {@code application/protobuf}, as on a go-micro server.
 */
public final class Codecs {

    /** What a request without a {@code Content-Type} is read as, as go-micro does. */
    public static final String DEFAULT_CONTENT_TYPE = "application/protobuf";

    /** Other names of a content type, mapped to the one its codec is known by. */
    private static final Map<String, String> ALIASES = Map.of(
            "application/proto", ProtobufCodec.CONTENT_TYPE,
            "application/x-protobuf", ProtobufCodec.CONTENT_TYPE);

    private final Map<String, Codec> byContentType;

    private Codecs(Map<String, Codec> byContentType) {
        this.byContentType = byContentType;
    }

    /** The five codecs go-micro's HTTP transport speaks: JSON, protobuf, JSON-RPC, proto-RPC, raw bytes. */
    public static Codecs standard() {
        JsonCodec json = new JsonCodec();
        return of(List.of(json, new ProtobufCodec(), new JsonRpcCodec(json), new ProtoRpcCodec(), new BytesCodec()));
    }

    /** The given codecs; a later codec replaces an earlier one of the same content type. */
    public static Codecs of(Collection<? extends Codec> codecs) {
        Map<String, Codec> map = new LinkedHashMap<>();
        for (Codec codec : codecs) {
            map.put(normalize(codec.contentType()), codec);
        }
        return new Codecs(Map.copyOf(map));
    }

    /** These codecs plus {@code codecs}, which replace those of the same content type. */
    public Codecs with(Collection<? extends Codec> codecs) {
        List<Codec> all = new ArrayList<>(byContentType.values());
        all.addAll(codecs);
        return of(all);
    }

    /** The codec for {@code contentType}, if this process speaks it. */
    public Optional<Codec> find(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.ofNullable(byContentType.get(DEFAULT_CONTENT_TYPE));
        }
        // most callers name the type as codecs are known by it; no key is an alias, so an exact match is the codec
        Codec exact = byContentType.get(contentType);
        return Optional.ofNullable(exact != null ? exact : byContentType.get(normalize(contentType)));
    }

    /** The codec for {@code contentType}, or a {@link CodecException} naming those that are supported. */
    public Codec get(String contentType) {
        return find(contentType).orElseThrow(() -> new CodecException(
                "unsupported Content-Type: " + contentType + " (supported: " + String.join(", ", contentTypes()) + ")"));
    }

    /** Every supported content type. */
    public List<String> contentTypes() {
        return byContentType.keySet().stream().sorted().toList();
    }

    /**
     * {@code contentType} as codecs are known by it: without parameters, in lower case, an alias
     * replaced ({@code Application/X-Protobuf; proto=x} gives {@code application/protobuf}).
     */
    public static String normalize(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        type = type.strip().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(type, type);
    }
}

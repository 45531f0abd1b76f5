package io.microspring.codec;

/**
 * What RPC codecs write around a body: whether it is a request or a response, the per-client
 * sequence id, the endpoint ({@code Say.Hello}) and, on a response, the error text.
 */
public record Envelope(Kind kind, String id, String endpoint, String error) {

    /** Which side of a call a message is. */
    public enum Kind {
        REQUEST, RESPONSE
    }

    private static final Envelope BARE_REQUEST = new Envelope(Kind.REQUEST, "", "", "");
    private static final Envelope BARE_RESPONSE = new Envelope(Kind.RESPONSE, "", "", "");

    public Envelope {
        id = id == null ? "" : id;
        endpoint = endpoint == null ? "" : endpoint;
        error = error == null ? "" : error;
    }

    /** The envelope of a request to {@code endpoint}. */
    public static Envelope request(String id, String endpoint) {
        return new Envelope(Kind.REQUEST, id, endpoint, "");
    }

    /** The envelope of the response to {@code request}, with {@code error} (empty when none). */
    public static Envelope responseTo(Envelope request, String error) {
        return new Envelope(Kind.RESPONSE, request.id(), request.endpoint(), error);
    }

    /** An envelope for a bare message, such as a published event. */
    public static Envelope message() {
        return BARE_REQUEST;
    }

    /** What a plain codec reads around a message of {@code kind}: nothing but its kind. */
    public static Envelope bare(Kind kind) {
        return kind == Kind.REQUEST ? BARE_REQUEST : BARE_RESPONSE;
    }
}

package io.microspring.errors;

import java.util.Objects;

/**
 * An error as go-micro sends it between services: an {@code id} naming where it came from, an
 * HTTP-like {@code code}, a human readable {@code detail} and the {@code status} text of the code.
 *
 * <p>It travels as JSON in the {@code Micro-Error} header, exactly as go-micro's
 * {@code errors.Error} does, so a Go caller reads it with {@code errors.FromError}. Throw the
 * helpers ({@link #badRequest}, {@link #notFound}, ...) from a handler to answer with that code.
 * It carries no stack trace: nothing of the server's internals crosses the wire.
 */
public final class MicroException extends RuntimeException {

    private final String id;
    private final int code;
    private final String detail;
    private final String status;

    /** Creates an error whose status is the standard reason phrase of {@code code}. */
    public MicroException(String id, int code, String detail) {
        this(id, code, detail, StatusText.of(code));
    }

    /** Creates an error with every field given, as read from the wire. */
    public MicroException(String id, int code, String detail, String status) {
        super(detail, null, false, false);
        this.id = Objects.requireNonNullElse(id, "");
        this.code = code;
        this.detail = Objects.requireNonNullElse(detail, "");
        this.status = Objects.requireNonNullElse(status, "");
    }

    /** 400: the request was malformed. */
    public static MicroException badRequest(String id, String detail, Object... args) {
        return new MicroException(id, 400, format(detail, args));
    }

    /** 401: the caller is not authenticated. */
    public static MicroException unauthorized(String id, String detail, Object... args) {
        return new MicroException(id, 401, format(detail, args));
    }

    /** 403: the caller may not do this. */
    public static MicroException forbidden(String id, String detail, Object... args) {
        return new MicroException(id, 403, format(detail, args));
    }

    /** 404: the service, endpoint or resource does not exist. */
    public static MicroException notFound(String id, String detail, Object... args) {
        return new MicroException(id, 404, format(detail, args));
    }

    /** 405: the method is not allowed. */
    public static MicroException methodNotAllowed(String id, String detail, Object... args) {
        return new MicroException(id, 405, format(detail, args));
    }

    /** 408: the call ran past its deadline. */
    public static MicroException timeout(String id, String detail, Object... args) {
        return new MicroException(id, 408, format(detail, args));
    }

    /** 409: the request conflicts with the current state. */
    public static MicroException conflict(String id, String detail, Object... args) {
        return new MicroException(id, 409, format(detail, args));
    }

    /** 500: the server failed. */
    public static MicroException internalServerError(String id, String detail, Object... args) {
        return new MicroException(id, 500, format(detail, args));
    }

    /** 503: the service cannot serve now, as when none of its nodes can be reached. */
    public static MicroException serviceUnavailable(String id, String detail, Object... args) {
        return new MicroException(id, 503, format(detail, args));
    }

    /**
     * Reads go-micro's error JSON; text that is not such JSON becomes the detail of a 500, as
     * go-micro's {@code errors.Parse} does.
     */
    public static MicroException parse(String text) {
        return ErrorJson.read(text);
    }

    /** The error as go-micro's JSON, empty fields left out. */
    public String toJson() {
        return ErrorJson.write(this);
    }

    public String id() {
        return id;
    }

    public int code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    public String status() {
        return status;
    }

    @Override
    public String getMessage() {
        return toJson();
    }

    private static String format(String detail, Object... args) {
        return args.length == 0 ? detail : String.format(detail, args);
    }
}

package io.microspring.observation;

import java.util.concurrent.TimeoutException;

import io.microspring.errors.ExceptionMapper;
import io.microspring.errors.MicroException;
import io.microspring.transport.TransportException;

/**
 * The outcome of a call or stream as its tags record it: the go-micro error code ({@value #NO_CODE}
 * when it succeeded or was cancelled) and its class, {@code SUCCESS}, {@code CLIENT_ERROR} (4xx),
 * {@code SERVER_ERROR} or {@code CANCELLED}.
 *
 * @param code the error code, 0 on success, {@value #CANCELLED_CODE} when cancelled
 */
public record Outcome(int code) {

    /** The code tag of a success or a cancellation. */
    public static final String NO_CODE = "none";
    /** The outcome of a call that answered. */
    public static final Outcome SUCCESS = new Outcome(0);
    /** The outcome of a call that ran out of time. */
    public static final Outcome TIMEOUT = new Outcome(408);
    /** The code of {@link #CANCELLED}, which is no go-micro error code. */
    public static final int CANCELLED_CODE = -1;
    /**
     * The outcome of a stream whose consumer stopped it before it ended without error: the
     * client's code cancelled it, or the caller closed the connection under the server.
     */
    public static final Outcome CANCELLED = new Outcome(CANCELLED_CODE);

    /**
     * The outcome of a call that failed with {@code error}: a go-micro error keeps its code, a
     * timeout is 408, a connection that could not be made 503, another transport failure 500, and
     * anything a handler threw the code the caller receives for it ({@link ExceptionMapper}).
     */
    public static Outcome of(Throwable error) {
        if (error instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof TransportException transport) {
            return new Outcome(transport.unprocessed() ? 503 : 500);
        }
        MicroException mapped = ExceptionMapper.toMicroException("", error);
        return new Outcome(mapped.code());
    }

    /** The error code tag: the number, or {@value #NO_CODE}. */
    public String codeTag() {
        return code <= 0 ? NO_CODE : Integer.toString(code);
    }

    /** The outcome tag. */
    public String outcomeTag() {
        if (code == 0) {
            return "SUCCESS";
        }
        if (code == CANCELLED_CODE) {
            return "CANCELLED";
        }
        return code >= 400 && code < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}

package io.microspring.errors;

import java.lang.reflect.InvocationTargetException;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Maps what a handler throws to the go-micro error its caller sees. The mapping is part of the
 * public contract and documented in the README:
 * <ul>
 * <li>{@link MicroException}: sent as it is;</li>
 * <li>{@link IllegalArgumentException}: 400 Bad Request;</li>
 * <li>{@link SecurityException}: 403 Forbidden;</li>
 * <li>{@link NoSuchElementException}: 404 Not Found;</li>
 * <li>{@link UnsupportedOperationException}: 405 Method Not Allowed;</li>
 * <li>{@link TimeoutException}: 408 Request Timeout;</li>
 * <li>{@link IllegalStateException}: 409 Conflict;</li>
 * <li>anything else: 500 Internal Server Error.</li>
 * </ul>
 * The detail is the exception's message (its class name when it has none); the id is the
 * service's name. Stack traces stay in the server's log.
 */
public final class ExceptionMapper {

    private ExceptionMapper() {
    }

    /** The go-micro error for {@code error}, with {@code id} when the error carries none. */
    public static MicroException toMicroException(String id, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof MicroException micro) {
            return micro;
        }
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new MicroException(id, codeOf(cause), detail);
    }

    private static int codeOf(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return 400;
        }
        if (error instanceof SecurityException) {
            return 403;
        }
        if (error instanceof NoSuchElementException) {
            return 404;
        }
        if (error instanceof UnsupportedOperationException) {
            return 405;
        }
        if (error instanceof TimeoutException) {
            return 408;
        }
        if (error instanceof IllegalStateException) {
            return 409;
        }
        return 500;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}

package io.microspring.codec;

/** Data that a codec cannot read or a value that it cannot write, with the reason. */
public final class CodecException extends RuntimeException {

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    public CodecException(String message) {
        super(message);
    }
}

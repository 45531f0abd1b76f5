package io.microspring.gateway.handler;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

import io.microspring.errors.MicroException;

/**
 * The largest request body the handlers read or pass on, and the setting it comes from, which the
 * 413 error names ({@code micro.api.max-body-size} for the gateway).
 *
 * @param bytes the most bytes a body may have
 * @param setting the property that sets it
 */
public record BodyLimit(int bytes, String setting) {

    /** The limit {@code size} of property {@code setting}; fails naming it unless between 1 byte and 2GB. */
    public static BodyLimit of(DataSize size, String setting) {
        long bytes = size == null ? -1 : size.toBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(setting, size,
                    "it must be between 1 byte and 2GB, such as 10MB");
        }
        return new BodyLimit((int) bytes, setting);
    }

    /** The 413 error of a body of {@code size} bytes ({@code -1} when not known in advance) over this limit. */
    public MicroException tooLarge(long size) {
        return new MicroException(Exchanges.API_ID, 413, "request body " + (size < 0 ? "" : "of " + size + " bytes ")
                + "is larger than " + bytes + " bytes (" + setting + ")");
    }
}

package io.microspring.client;

import java.lang.reflect.Type;

import io.microspring.metadata.Metadata;

/**
 * One outgoing call as wrappers see it.
 *
 * @param options the effective options: the call's over the client's defaults
 * @param metadata what travels as headers: the context's metadata plus the call's own
 */
public record ClientCall(String service, String endpoint, Object request, Type responseType, CallOptions options,
        Metadata metadata) {
}

package io.microspring.gateway.route;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes path resolution as the gateway does it for a request path: cleaning and decoding it, then
 * resolving it for the rpc and api handlers, the proxy and events, and matching it against a
 * route template. A path may only be refused with an {@link IllegalArgumentException} (an
 * {@link InvalidPathException}, which the gateway answers with a 400); any other exception fails.
 * Inputs: {@code PathResolverFuzzTestInputs}.
 */
class PathResolverFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    private static final PathTemplate TEMPLATE = PathTemplate.parse("/greeter/{name}/items/**");

    @FuzzTest(maxDuration = "4s")
    void requestPath(byte[] input) {
        GUARD.ran();
        try {
            RequestPath path = RequestPath.parse(new String(input, StandardCharsets.UTF_8));
            TEMPLATE.match(path);
            PathResolver.rpc(path);
            PathResolver.event(path);
            PathResolver.proxy(path);
        } catch (IllegalArgumentException refused) {
            // the documented refusal of a path that names no service
        }
    }
}

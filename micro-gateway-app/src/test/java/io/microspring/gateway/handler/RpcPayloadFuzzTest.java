package io.microspring.gateway.handler;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.testing.FuzzingGuard;

/**
 * Fuzzes the request the rpc handler builds from a request's query string and body. An input is a
 * byte choosing the method (and whether a path variable is given), then the raw query, a newline
 * and the body. Nothing is refused here (a body that is not JSON goes on as it came); any
 * exception fails. Inputs: {@code RpcPayloadFuzzTestInputs}.
 */
class RpcPayloadFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

    @FuzzTest(maxDuration = "4s")
    void queryAndBody(byte[] input) {
        GUARD.ran();
        if (input.length == 0) {
            return;
        }
        int choice = input[0] & 0xFF;
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        int newline = indexOf(rest, (byte) '\n');
        String query = new String(rest, 0, newline, StandardCharsets.UTF_8);
        byte[] body = newline < rest.length ? Arrays.copyOfRange(rest, newline + 1, rest.length) : new byte[0];
        Map<String, String> pathVariables = (choice & 4) == 0 ? Map.of() : Map.of("user.name", "John");
        RpcPayload.json(METHODS.get(choice & 3), query, pathVariables, body);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length;
    }
}

package io.microspring.gateway.handler;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.microspring.client.Backoff;
import io.microspring.client.CallOptions;
import io.microspring.client.RetryPolicy;
import io.microspring.client.RpcClient;
import io.microspring.codec.Codecs;
import io.microspring.errors.MicroException;
import io.microspring.registry.Node;
import io.microspring.registry.Service;
import io.microspring.registry.memory.MemoryRegistry;
import io.microspring.selector.RegistrySelector;
import io.microspring.selector.Strategy;
import io.microspring.testing.FuzzingGuard;
import io.microspring.transport.Listener;
import io.microspring.transport.SendOptions;
import io.microspring.transport.Transport;
import io.microspring.transport.TransportException;
import io.microspring.transport.TransportHandler;
import io.microspring.transport.TransportMessage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fuzzes {@code POST /rpc}: reading the call from a JSON body or a form (body and query), the
 * {@code Timeout} header and the address, through the real client up to the transport, which
 * reaches no node. An input is a byte choosing the content type (bits 0-1) and the allow-list
 * (bit 2), then the Timeout header, the query and the body, separated by newlines. A request may
 * only fail with a go-micro error ({@link MicroException}), which the gateway answers as JSON; any
 * other exception fails. Inputs: {@code RpcEndpointFuzzTestInputs}.
 */
class RpcEndpointFuzzTest {

    @RegisterExtension
    static final FuzzingGuard GUARD = new FuzzingGuard();

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/x-www-form-urlencoded",
            "text/plain; charset=utf-8", "application/json; charset=utf-8");
    private static final RpcClient CLIENT = client();
    private static final RpcEndpoint OPEN = new RpcEndpoint(CLIENT, new BodyLimit(64 * 1024, "max-body-size"),
            List.of(), "allowed-services");
    private static final RpcEndpoint ALLOW_LIST = new RpcEndpoint(CLIENT, new BodyLimit(64 * 1024, "max-body-size"),
            List.of("go.micro.srv.*"), "allowed-services");

    @FuzzTest(maxDuration = "4s")
    void rpcRequest(byte[] input) throws URISyntaxException {
        GUARD.ran();
        if (input.length == 0) {
            return;
        }
        int choice = input[0] & 0xFF;
        String[] parts = new String(input, 1, input.length - 1, StandardCharsets.UTF_8).split("\n", 3);
        String timeout = parts[0];
        String query = parts.length > 1 ? parts[1] : "";
        byte[] body = (parts.length > 2 ? parts[2] : "").getBytes(StandardCharsets.UTF_8);
        MockServerHttpRequest request = MockServerHttpRequest
                .method(HttpMethod.POST, new URI(null, null, "/rpc", query.isEmpty() ? null : query, null))
                .header("Content-Type", CONTENT_TYPES.get(choice & 3))
                .header("Timeout", timeout)
                .body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
        RpcEndpoint endpoint = (choice & 4) == 0 ? OPEN : ALLOW_LIST;
        try {
            endpoint.handle(MockServerWebExchange.from(request)).block(Duration.ofSeconds(10));
        } catch (MicroException refused) {
            // a go-micro error: the gateway's answer to a bad call, or the transport's to an unreachable node
        }
    }

    /** The real client over a registry holding one service, and a transport that reaches no node. */
    private static RpcClient client() {
        MemoryRegistry registry = new MemoryRegistry();
        registry.register(new Service("go.micro.srv.greeter", "1.0.0", Map.of(), List.of(),
                List.of(new Node("greeter-1", "127.0.0.1:9", Map.of()))), Duration.ofMinutes(10));
        return new RpcClient(new RegistrySelector(registry, Strategy.random(), Duration.ofSeconds(5)),
                new Unreachable(), Codecs.standard(), CallOptions.builder().requestTimeout(Duration.ofSeconds(5))
                        .connectionTimeout(Duration.ofSeconds(1)).retries(0).backoff(Backoff.none())
                        .retryPolicy(RetryPolicy.unprocessedOnly()).contentType("application/json").build(),
                List.of());
    }

    /** A transport whose every node refuses the connection, so that fuzzing sends nothing anywhere. */
    private static final class Unreachable implements Transport {

        @Override
        public String name() {
            return "unreachable";
        }

        @Override
        public Listener listen(String address, TransportHandler handler) {
            throw new UnsupportedOperationException("the fuzzed client serves nothing");
        }

        @Override
        public Mono<TransportMessage> send(String address, TransportMessage request, SendOptions options) {
            return Mono.error(new TransportException(address, true, "cannot connect to node " + address, null));
        }

        @Override
        public void close() {
        }
    }
}

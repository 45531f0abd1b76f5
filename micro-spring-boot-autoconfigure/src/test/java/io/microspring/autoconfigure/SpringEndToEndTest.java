package io.microspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.microspring.autoconfigure.app.Relay;
import io.microspring.autoconfigure.app.RelayApplication;
import io.microspring.autoconfigure.app.RelayClient;
import io.microspring.client.MicroClient;
import io.microspring.metadata.Metadata;

/**
 * A whole application: a {@code @MicroClient} interface injected as a bean, metadata carried from
 * a caller through a handler to a downstream call, handler and call wrappers in order.
 */
@SpringBootTest(classes = RelayApplication.class, properties = {"micro.registry=memory",
        "micro.server-address=127.0.0.1:0"})
class SpringEndToEndTest {

    @Autowired
    RelayClient client;

    @Autowired
    MicroClient microClient;

    @BeforeEach
    void forget() {
        RelayApplication.SEEN.clear();
    }

    @Test
    void theTypedClientIsABeanThatCallsTheService() {
        assertThat(client.forward(new Relay.Text("hi")).value()).isEqualTo("hi trace=none");
    }

    @Test
    void metadataOfTheReactorContextTravelsAsHeaders() {
        Relay.Text reply = client.echo(new Relay.Text("x"))
                .contextWrite(context -> Metadata.of("Trace", "t-1").into(context))
                .block();
        assertThat(reply.value()).isEqualTo("x trace=t-1");
    }

    @Test
    void metadataTravelsThroughHandlersToDownstreamCalls() {
        for (String endpoint : new String[] {"Relay.Forward", "Relay.ForwardBlocking"}) {
            Relay.Text reply = microClient.call("go.micro.srv.relay", endpoint, new Relay.Text("hop"), Relay.Text.class)
                    .contextWrite(context -> Metadata.of("Trace", "t-3").into(context))
                    .block();
            assertThat(reply.value()).as(endpoint).isEqualTo("hop trace=t-3");
        }
    }

    @Test
    void wrappersRunInOrderAndMayChangeTheRequest() {
        assertThat(client.forward(new Relay.Text("wrapped")).value()).isEqualTo("changed by wrapper trace=none");
        assertThat(RelayApplication.SEEN).containsSubsequence(
                "call Relay.Forward -", "handler-outer Relay.Forward", "handler-inner Relay.Forward",
                "call Relay.Echo -", "handler-outer Relay.Echo", "handler-inner Relay.Echo");
    }

}

package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.protobuf.util.JsonFormat;

import io.microspring.api.Event;
import io.microspring.broker.BrokerEvent;
import io.microspring.broker.SubscribeOptions;
import io.microspring.broker.http.HttpBroker;
import io.microspring.broker.http.HttpBrokerSettings;
import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.gatewaytest.Http;
import io.microspring.registry.cache.CachingRegistry;
import reactor.core.publisher.Mono;

/** The event handler publishing through go-micro's default (http) broker to a real subscriber. */
@ExtendWith(ClusterExtension.class)
class EventHandlerTest {

    static final BlockingQueue<BrokerEvent> received = new LinkedBlockingQueue<>();
    static HttpBroker subscriber;
    static Cluster.Gateway gateway;

    @BeforeAll
    static void subscribe(Cluster cluster) {
        subscriber = new HttpBroker(HttpBrokerSettings.defaults(), new CachingRegistry(cluster.registry(),
                Duration.ofMinutes(1)));
        subscriber.connect();
        subscriber.subscribe("go.micro.api.orders", event -> {
            received.add(event);
            return Mono.empty();
        }, SubscribeOptions.broadcast());
        gateway = cluster.gateway("micro.api.handler=event");
    }

    @AfterAll
    static void stop() {
        subscriber.close();
    }

    @Test
    void aPostIsPublishedToTheTopicInTheNamespaceWithItsNameAndMetadata() throws Exception {
        HttpResponse<String> response = Http.post(gateway.url("/orders/created"), "application/json", "{\"id\":7}",
                "X-Request-Id", "r-9");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();

        BrokerEvent delivered = received.poll(10, TimeUnit.SECONDS);
        assertThat(delivered).isNotNull();
        assertThat(delivered.message().topic()).isEqualTo("go.micro.api.orders");
        assertThat(delivered.message().headers().get("X-Request-Id")).hasValue("r-9");
        assertThat(delivered.message().headers().get("Content-Type")).hasValue("application/json");
        Event event = event(delivered);
        assertThat(event.getName()).isEqualTo("created");
        assertThat(event.getId()).startsWith("go.micro.api.orders-created-");
        assertThat(event.getTimestamp()).isPositive();
        assertThat(event.getData()).isEqualTo("{\"id\":7}");
        assertThat(event.getHeaderMap().get("X-Request-Id").getValuesList()).containsExactly("r-9");
    }

    @Test
    void aGetPublishesItsQueryAsJson() throws Exception {
        assertThat(Http.get(gateway.url("/orders/viewed?id=8&tag=a&tag=b")).statusCode()).isEqualTo(200);
        Event event = event(received.poll(10, TimeUnit.SECONDS));
        assertThat(event.getName()).isEqualTo("viewed");
        assertThat(event.getData()).isEqualTo("{\"id\":[\"8\"],\"tag\":[\"a\",\"b\"]}");
    }

    private static Event event(BrokerEvent delivered) throws Exception {
        Event.Builder event = Event.newBuilder();
        JsonFormat.parser().merge(new String(delivered.message().body(), StandardCharsets.UTF_8), event);
        return event.build();
    }
}

package io.microspring.samples.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.microspring.broker.Publisher;
import io.microspring.metadata.Metadata;
import io.microspring.samples.pubsub.worker.WorkerApplication;
import io.microspring.server.Server;

/** A worker as the README runs it, fed by its own publisher over the HTTP broker. */
@SpringBootTest(classes = WorkerApplication.class, properties = "micro.registry=memory")
@ExtendWith(OutputCaptureExtension.class)
class PubSubApplicationTest {

    @Autowired
    Server server;

    @Autowired
    Publisher publisher;

    @Test
    void theWorkerRegistersItsSubscriberAndHandlesPublishedGreetings(CapturedOutput output) {
        assertThat(server.service().endpoints()).filteredOn(endpoint -> !endpoint.name().startsWith("Debug."))
                .singleElement().satisfies(endpoint -> {
                    assertThat(endpoint.name()).isEqualTo("Worker.Handle");
                    assertThat(endpoint.metadata()).containsEntry("subscriber", "true").containsEntry("topic", Greeting.TOPIC);
                });

        publisher.publish(Greeting.TOPIC, new Greeting(1, "Hello test"))
                .contextWrite(Metadata.of("Sender", "the test")::into)
                .block(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut()
                .contains("Worker handled greeting 1: Hello test (sent by the test)"));
    }
}

package io.microspring.samples.pubsub.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.annotation.MicroService;
import io.microspring.annotation.MicroSubscriber;
import io.microspring.metadata.Metadata;
import io.microspring.samples.pubsub.Greeting;

/**
 * Handles greetings in queue group {@code workers}: however many workers run, each greeting is
 * handled by one of them. The method returns nothing, so it may block; it runs off the event loop.
 */
@MicroService(name = "go.micro.srv.pubsub-worker")
public class Worker {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    @MicroSubscriber(topic = Greeting.TOPIC, queue = "workers")
    public void handle(Greeting greeting, Metadata metadata) {
        log.info("Worker handled greeting {}: {} (sent by {})", greeting.number(), greeting.text(),
                metadata.get("Sender").orElse("unknown"));
    }
}

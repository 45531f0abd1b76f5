package io.microspring.samples.pubsub.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.microspring.annotation.MicroService;
import io.microspring.annotation.MicroSubscriber;
import io.microspring.broker.BrokerEvent;
import io.microspring.samples.pubsub.Greeting;
import reactor.core.publisher.Mono;

/**
 * Records every greeting: without a queue it is a broadcast subscriber. It does not block, so it
 * returns a {@code Mono} and runs where the message arrives.
 */
@MicroService(name = "go.micro.srv.pubsub-audit")
public class Audit {

    private static final Logger log = LoggerFactory.getLogger(Audit.class);

    @MicroSubscriber(topic = Greeting.TOPIC)
    public Mono<Void> record(Greeting greeting, BrokerEvent event) {
        log.info("Audit recorded greeting {} (message id {})", greeting.number(), event.message().id());
        return Mono.empty();
    }
}

package io.microspring.samples.pubsub.publisher;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.microspring.broker.Publisher;
import io.microspring.metadata.Metadata;
import io.microspring.samples.pubsub.Greeting;

/**
 * Publishes greetings through the injected {@link Publisher} (the {@code MicroClient}), with
 * metadata {@code Sender} that travels as a message header, then exits.
 */
@SpringBootApplication
public class PublisherApplication {

    @Bean
    ApplicationRunner publish(Publisher publisher) {
        return arguments -> {
            int count = count(arguments);
            Metadata metadata = Metadata.of("Sender", "pubsub-publisher");
            for (int number = 1; number <= count; number++) {
                publisher.publish(Greeting.TOPIC, new Greeting(number, "Hello number " + number))
                        .contextWrite(metadata::into)
                        .block();
                System.out.println("Published greeting " + number);
            }
        };
    }

    private static int count(ApplicationArguments arguments) {
        return arguments.getNonOptionArgs().isEmpty() ? 10 : Integer.parseInt(arguments.getNonOptionArgs().get(0));
    }
}

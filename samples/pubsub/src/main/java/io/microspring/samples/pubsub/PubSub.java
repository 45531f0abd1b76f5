package io.microspring.samples.pubsub;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

import io.microspring.samples.pubsub.audit.AuditApplication;
import io.microspring.samples.pubsub.publisher.PublisherApplication;
import io.microspring.samples.pubsub.worker.WorkerApplication;

/**
 * Starts one process of the sample:
 * <pre>
 * java -jar pubsub.jar worker       # a member of queue group "workers": each greeting reaches one worker
 * java -jar pubsub.jar audit        # a broadcast subscriber: it gets every greeting
 * java -jar pubsub.jar publish 10   # publishes 10 greetings, then exits
 * </pre>
 */
public final class PubSub {

    private PubSub() {
    }

    public static void main(String[] args) {
        String role = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (role) {
            case "worker" -> SpringApplication.run(WorkerApplication.class, rest);
            case "audit" -> SpringApplication.run(AuditApplication.class, rest);
            case "publish" -> System.exit(SpringApplication.exit(SpringApplication.run(PublisherApplication.class, rest)));
            default -> {
                System.err.println("usage: java -jar pubsub.jar worker | audit | publish [count]");
                System.exit(2);
            }
        }
    }
}

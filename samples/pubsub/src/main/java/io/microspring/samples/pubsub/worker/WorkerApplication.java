package io.microspring.samples.pubsub.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A worker: service {@code go.micro.srv.pubsub-worker}, one member of queue group {@code workers}. */
@SpringBootApplication
public class WorkerApplication {
}

package io.microspring.samples.pubsub.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The audit log: service {@code go.micro.srv.pubsub-audit}, a broadcast subscriber. */
@SpringBootApplication
public class AuditApplication {
}

package io.microspring.autoconfigure.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import io.microspring.client.CallWrapper;
import io.microspring.server.HandlerWrapper;

/** A service whose handlers call back into the service, with wrappers that record what they see. */
@SpringBootApplication
public class RelayApplication {

    /** What the wrappers saw, in order. */
    public static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Bean
    @Order(1)
    HandlerWrapper outerHandlerWrapper() {
        return (context, request, next) -> {
            SEEN.add("handler-outer " + context.endpoint());
            return next.proceed(context, request);
        };
    }

    @Bean
    @Order(2)
    HandlerWrapper innerHandlerWrapper() {
        return (context, request, next) -> {
            SEEN.add("handler-inner " + context.endpoint());
            if (request instanceof Relay.Text text && text.value().equals("wrapped")) {
                return next.proceed(context, new Relay.Text("changed by wrapper"));
            }
            return next.proceed(context, request);
        };
    }

    @Bean
    CallWrapper recordingCallWrapper() {
        return (call, next) -> {
            SEEN.add("call " + call.endpoint() + " " + call.metadata().get("Trace").orElse("-"));
            return next.proceed(call);
        };
    }
}

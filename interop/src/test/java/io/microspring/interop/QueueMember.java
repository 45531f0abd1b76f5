package io.microspring.interop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.microspring.annotation.MicroService;
import io.microspring.annotation.MicroSubscriber;

/** A Java member of the queue group {@code workers}, one topic per broker under test. */
@MicroService(handler = "Queue")
public class QueueMember {

    /** greeter.Event of the interop protos, as go-micro's protojson writes it. */
    public record Event(String id, String message, long timestamp, int seq) {
    }

    /** Sequence numbers received, per topic. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @MicroSubscriber(topic = "go.micro.topic.queue.http", queue = "workers")
    public void onHttp(Event event) {
        RECEIVED.add("http " + event.seq());
    }

    @MicroSubscriber(topic = "go.micro.topic.queue.nats", queue = "workers")
    public void onNats(Event event) {
        RECEIVED.add("nats " + event.seq());
    }
}

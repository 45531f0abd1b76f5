package io.microspring.gatewaytest.sidecar;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.microspring.annotation.MicroHandler;
import io.microspring.annotation.MicroService;
import io.microspring.annotation.MicroSubscriber;
import io.microspring.samples.greeterapi.proto.HelloRequest;
import io.microspring.samples.greeterapi.proto.HelloResponse;

/**
 * The Java side of the sidecar tests: the greeter {@code go.micro.srv.greeter} that the Python app
 * calls through its sidecar's {@code /rpc}, and a subscriber of {@value #TOPIC} that keeps the
 * notes the Python and Node apps publish in {@link #RECEIVED}.
 */
@SpringBootApplication
public class SidecarPeerApplication {

    /** The topic the Java subscriber listens to. */
    public static final String TOPIC = "go.micro.topic.to-java";

    /** The notes received on {@value #TOPIC}, oldest first. */
    public static final BlockingQueue<Note> RECEIVED = new LinkedBlockingQueue<>();

    /** Handler {@code Say}: {@code Say.Hello} answers {@code Hello <name>}; it also subscribes to {@value #TOPIC}. */
    @MicroService(name = "go.micro.srv.greeter")
    public static class Say {

        @MicroHandler
        public HelloResponse hello(HelloRequest request) {
            return HelloResponse.newBuilder().setMsg("Hello " + request.getName()).build();
        }

        @MicroSubscriber(topic = TOPIC)
        public void onNote(Note note) {
            RECEIVED.add(note);
        }
    }

    /**
     * A message published to the Java subscriber.
     *
     * @param text what it says
     */
    public record Note(String text) {
    }
}

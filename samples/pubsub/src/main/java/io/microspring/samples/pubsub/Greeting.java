package io.microspring.samples.pubsub;

/** The event of the sample, published as JSON to {@link #TOPIC}. */
public record Greeting(int number, String text) {

    /** Where greetings are published. */
    public static final String TOPIC = "go.micro.topic.greetings";
}

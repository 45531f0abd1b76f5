package io.microspring.observation;

/** What the observation of a call, on either side, knows of it: the tags its conventions read. */
public interface ObservedCall {

    /** The service called. */
    String service();

    /** The endpoint called, {@code Say.Hello}. */
    String endpoint();

    /** How the call ended, {@link Outcome#SUCCESS} until it has. */
    Outcome outcome();
}

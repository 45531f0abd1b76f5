package io.microspring.observation;

/** What the observation of a stream, on either side, knows of it: a call's tags and its message counts. */
public interface ObservedStream extends ObservedCall {

    /** The messages this side has sent on the stream so far. */
    long sent();

    /** The messages this side has received on the stream so far. */
    long received();
}

/**
 * Micrometer observations of calls, streams and messages: the server handling a call, each
 * attempt of a client call, a stream on either side from its opening to its end with its messages
 * counted, a publish and a subscriber's delivery, with bounded low-cardinality tags. Their sender
 * and receiver contexts carry trace headers ({@code traceparent}, {@code tracestate}) in the Micro
 * metadata, so that a tracer continues one trace across services. Needs
 * {@code micrometer-observation} (and {@code micrometer-core} for the meters of
 * {@link io.microspring.observation.MicroMeterBinder} and
 * {@link io.microspring.observation.StreamMetricsHandler}); no class here imports Spring.
 */
package io.microspring.observation;

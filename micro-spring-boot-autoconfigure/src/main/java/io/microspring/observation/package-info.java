/**
 * Micrometer observations of calls and messages: the server handling a call, each attempt of a
 * client call, a publish and a subscriber's delivery, with bounded low-cardinality tags. Their
 * sender and receiver contexts carry trace headers ({@code traceparent}, {@code tracestate}) in
 * the Micro metadata, so that a tracer continues one trace across services. Needs
 * {@code micrometer-observation} and nothing else; no class here imports Spring.
 */
package io.microspring.observation;

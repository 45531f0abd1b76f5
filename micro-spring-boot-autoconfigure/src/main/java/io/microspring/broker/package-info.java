/**
 * Publish and subscribe, as go-micro's broker: the {@link io.microspring.broker.Broker} interface,
 * its messages and options, and the {@link io.microspring.broker.Subscriber} that turns a
 * {@code @MicroSubscriber} method into a handler. Implementations: {@code broker.http} (go-micro's
 * default), {@code broker.nats}, {@code broker.rabbitmq} and {@code broker.memory}.
 */
package io.microspring.broker;

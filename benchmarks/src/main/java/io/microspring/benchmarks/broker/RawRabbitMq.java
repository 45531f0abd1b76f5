package io.microspring.benchmarks.broker;

import java.io.IOException;
import java.util.function.LongConsumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.microspring.broker.rabbitmq.RabbitMqBrokerSettings;

/**
 * amqp-client alone, configured as our broker is: a topic exchange, a queue bound to the topic,
 * the same prefetch, acknowledgement after the handler; {@code basicPublish} of the bytes.
 */
final class RawRabbitMq implements Target {

    private static final String EXCHANGE = "bench.raw";

    private final Connection publisherConnection;
    private final Connection subscriberConnection;
    private final Channel publisher;
    private final String topic;

    RawRabbitMq(String uri, String topic) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        this.publisherConnection = factory.newConnection();
        this.subscriberConnection = factory.newConnection();
        this.publisher = publisherConnection.createChannel();
        publisher.exchangeDeclare(EXCHANGE, BuiltinExchangeType.TOPIC);
        this.topic = topic;
    }

    @Override
    public String name() {
        return "amqp-client (raw)";
    }

    @Override
    public void start(LongConsumer received) {
        try {
            Channel channel = subscriberConnection.createChannel();
            channel.basicQos(RabbitMqBrokerSettings.DEFAULT_PREFETCH_COUNT);
            String queue = channel.queueDeclare("bench.raw." + topic, false, false, true, null).getQueue();
            channel.queueBind(queue, EXCHANGE, topic);
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    received.accept(Target.stampOf(body));
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void publishAll(int count) {
        for (int i = 0; i < count; i++) {
            publishOne();
        }
    }

    @Override
    public void publishOne() {
        try {
            publisher.basicPublish(EXCHANGE, topic, false, new AMQP.BasicProperties(), Target.stampedPayload());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            publisherConnection.close();
            subscriberConnection.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

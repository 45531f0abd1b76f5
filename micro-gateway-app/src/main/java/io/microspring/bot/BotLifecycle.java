package io.microspring.bot;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Connects the inputs once the context is ready and answers their messages on the bot's own
 * threads (commands block on calls); closes the inputs and those threads when the context closes.
 */
final class BotLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BotLifecycle.class);
    private static final int THREADS = 4;

    private final Bot bot;
    private final List<ChatInput> inputs;
    private ExecutorService answering;

    BotLifecycle(Bot bot, List<ChatInput> inputs) {
        this.bot = bot;
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        answering = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "micro-bot-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ExecutorService executor = answering;
        for (ChatInput input : inputs) {
            input.start(message -> executor.execute(() -> answer(message)));
            log.info("Bot input [{}] started", input.name());
        }
    }

    private void answer(ChatMessage message) {
        try {
            bot.answer(message).ifPresent(message.reply());
        } catch (RuntimeException e) {
            log.warn("Could not answer a message on {}", message.input(), e);
        }
    }

    @Override
    public synchronized void stop() {
        inputs.forEach(ChatInput::close);
        answering.shutdownNow();
        try {
            answering.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answering = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return answering != null;
    }
}

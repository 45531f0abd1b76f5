package io.microspring.autoconfigure;

import java.util.concurrent.CountDownLatch;

import org.springframework.context.SmartLifecycle;

import io.microspring.server.Server;

/**
 * Starts the server after every other bean is ready and stops it first on shutdown, so that the
 * node is deregistered before anything it uses goes away. While the server runs, a non-daemon
 * thread keeps the JVM alive, as a web server's would.
 */
class MicroServerLifecycle implements SmartLifecycle {

    private final Server server;
    private volatile CountDownLatch running;

    MicroServerLifecycle(Server server) {
        this.server = server;
    }

    @Override
    public void start() {
        server.start();
        CountDownLatch latch = new CountDownLatch(1);
        running = latch;
        Thread keepAlive = new Thread(() -> {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "micro-server-keepalive");
        keepAlive.setDaemon(false);
        keepAlive.start();
    }

    @Override
    public void stop() {
        try {
            server.stop();
        } finally {
            CountDownLatch latch = running;
            running = null;
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}

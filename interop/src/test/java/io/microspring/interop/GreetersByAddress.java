package io.microspring.interop;

import java.time.Duration;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.testing.GoPeers;

/**
 * The Java greeter and go-micro's greeter-srv side by side, each on a memory registry of its own,
 * so that each side's client reaches the other by its address alone.
 */
final class GreetersByAddress implements AutoCloseable {

    static final String SERVICE = "go.micro.srv.greeter";

    private final ConfigurableApplicationContext java;
    private final GoPeers.Peer go;

    private GreetersByAddress(ConfigurableApplicationContext java, GoPeers.Peer go) {
        this.java = java;
        this.go = go;
    }

    /** Starts the Java greeter in this JVM, then the Go greeter-srv. */
    static GreetersByAddress start() {
        ConfigurableApplicationContext java = JavaGreeterApplication.start("--micro.registry=memory",
                "--micro.server-name=" + SERVICE, "--micro.server-address=127.0.0.1:0");
        try {
            return new GreetersByAddress(java, GoPeers.startGreeter(Map.of(), "--registry=memory"));
        } catch (RuntimeException | Error e) {
            java.close();
            throw e;
        }
    }

    /** The Java application's client. */
    MicroClient javaClient() {
        return java.getBean(MicroClient.class);
    }

    /** The {@code host:port} of the Java greeter. */
    String javaAddress() {
        return JavaGreeterApplication.address(java);
    }

    /** The {@code host:port} of the Go greeter. */
    String goAddress() {
        return go.address();
    }

    /** Options for a Java call to the Go greeter by its address, in {@code contentType}. */
    CallOptions.Builder toGo(String contentType) {
        return CallOptions.builder().address(go.address()).contentType(contentType);
    }

    /** Runs go-micro's greeter client against the Java greeter's address with {@code args} added. */
    GoPeers.Result goClient(String... args) {
        return goClient(Duration.ofSeconds(60), args);
    }

    /** As {@link #goClient(String...)}, given {@code timeout} to finish. */
    GoPeers.Result goClient(Duration timeout, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--registry=memory";
        all[1] = "--address=" + javaAddress();
        all[2] = "--service=" + SERVICE;
        System.arraycopy(args, 0, all, 3, args.length);
        return GoPeers.run("greeter-client", Map.of(), timeout, all);
    }

    /** Stops the Go greeter, then the Java one. */
    @Override
    public void close() {
        try {
            go.close();
        } finally {
            java.close();
        }
    }
}

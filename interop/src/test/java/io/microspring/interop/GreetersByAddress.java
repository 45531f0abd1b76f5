package io.microspring.interop;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.client.CallOptions;
import io.microspring.client.MicroClient;
import io.microspring.testing.GoPeers;

/**
 * The Java greeter and go-micro's greeter-srv side by side, each on a memory registry of its own,
 * so that each side's client reaches the other by its address alone. Registered as a static JUnit
 * extension, it starts both before a class's tests and stops them after.
 */
final class GreetersByAddress implements BeforeAllCallback, AfterAllCallback {

    static final String SERVICE = "go.micro.srv.greeter";

    private ConfigurableApplicationContext java;
    private GoPeers.Peer go;

    /** Starts the Java greeter in this JVM, then the Go greeter-srv. */
    @Override
    public void beforeAll(ExtensionContext context) {
        java = JavaGreeterApplication.start("--micro.registry=memory", "--micro.server-name=" + SERVICE,
                "--micro.server-address=127.0.0.1:0");
        go = GoPeers.startGreeter(Map.of(), "--registry=memory");
    }

    /** Stops the Go greeter, then the Java one (each if it started). */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (go != null) {
                go.close();
            }
        } finally {
            if (java != null) {
                java.close();
            }
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

}

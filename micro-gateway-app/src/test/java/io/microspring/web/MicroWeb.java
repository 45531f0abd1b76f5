package io.microspring.web;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Cluster;

/** A {@code micro web} started in the test JVM on a free loopback port, over the cluster's registry. */
record MicroWeb(ConfigurableApplicationContext context, int port) implements AutoCloseable {

    /** Starts micro web with {@code properties} besides its web.yml and a free loopback port. */
    static MicroWeb start(Cluster cluster, String... properties) {
        String[] all = new String[properties.length + 2];
        all[0] = "spring.config.name=web";
        all[1] = "micro.web.address=127.0.0.1:0";
        System.arraycopy(properties, 0, all, 2, properties.length);
        ConfigurableApplicationContext context = cluster.startWebApp(WebApplication.class,
                WebApplicationType.REACTIVE, all);
        return new MicroWeb(context, Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        context.close();
    }
}

package io.microspring.gateway;

import java.util.List;

import io.microspring.sidecar.SidecarApplication;
import io.microspring.web.WebApplication;

/**
 * The {@code micro} command: {@code micro [flags] api [flags]} runs the API gateway,
 * {@code micro [flags] sidecar [flags]} the sidecar, {@code micro [flags] web [flags]} the web
 * dashboard and web proxy. go-micro's
 * flags are taken as micro takes them ({@code --registry=etcd}, {@code --registry_address ...},
 * {@code --handler=rpc}) and become the gateway's properties; see {@link GoFlags}.
 */
public final class Micro {

    private static final String USAGE = """
            usage: micro [flags] api|sidecar|web [flags]
              api      run the API gateway (port 8080, namespace go.micro.api)
              sidecar  run the sidecar: go-micro over HTTP for an app in any language (127.0.0.1:8081)
              web      run the web dashboard and the proxy to web apps (port 8082, namespace go.micro.web)
            flags, as go-micro's (environment variables work too, MICRO_REGISTRY=etcd):
              --registry=mdns|etcd|consul|memory  --registry_address=host:port
              --namespace=go.micro.api  --handler=meta|api|rpc|http|proxy|web|event  --address=:8080
              --enable_rpc=true|false  --enable_cors (every origin)  --selector=random|roundrobin
              --broker=http|nats|rabbitmq  --client_request_timeout=30s
              sidecar: --server_name=go.micro.srv.app --server_address=127.0.0.1:9000
              --healthcheck_url=http://127.0.0.1:9000/health --endpoints=App.Hello,App.Bye
              --handler=rpc|proxy --namespace=go.micro.srv --address=:8081 (loopback)
              web: --namespace=go.micro.web --address=:8082
              ... (any micro.* property: --client_retries=1)
            """;

    private Micro() {
    }

    public static void main(String[] args) {
        GoFlags.Command command;
        try {
            command = GoFlags.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("micro: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        String[] springArgs = command.springArgs().toArray(String[]::new);
        switch (command.name()) {
            case "api" -> GatewayApplication.main(springArgs);
            case "sidecar" -> SidecarApplication.main(springArgs);
            case "web" -> WebApplication.main(springArgs);
            default -> {
                System.err.print(command.name().isEmpty() ? USAGE : "micro: unknown command '" + command.name()
                        + "'; this build has: api, sidecar, web\n" + USAGE);
                System.exit(command.name().isEmpty() ? 0 : 2);
            }
        }
    }
}

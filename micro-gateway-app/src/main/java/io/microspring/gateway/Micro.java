package io.microspring.gateway;

import java.util.List;

import io.microspring.bot.BotApplication;
import io.microspring.sidecar.SidecarApplication;
import io.microspring.toolkit.cli.MicroCli;
import io.microspring.web.WebApplication;

/**
 * The {@code micro} command: {@code micro [flags] api [flags]} runs the API gateway,
 * {@code micro [flags] sidecar [flags]} the sidecar and {@code micro [flags] web [flags]} the web
 * dashboard and web proxy and {@code micro [flags] bot [flags]} the chat bot, Spring Boot
 * applications; go-micro's flags are taken as micro takes
 * them ({@code --registry=etcd}, {@code --registry_address ...}, {@code --handler=rpc}) and become
 * their properties (see {@link GoFlags}). The query commands ({@code micro call},
 * {@code micro list services} ...) and the shell ({@code micro cli}) start no Spring context: see
 * {@link MicroCli}.
 */
public final class Micro {

    private static final String USAGE = """
            usage: micro [flags] COMMAND [flags]
              api                               run the API gateway (port 8080, namespace go.micro.api)
              sidecar                           run the sidecar: go-micro over HTTP for an app in any language (127.0.0.1:8081)
              web                               run the web dashboard and the proxy to web apps (port 8082, namespace go.micro.web)
              bot                               run the chat bot on Slack and XMPP (--inputs=slack,xmpp, namespace go.micro.bot)
              list services | services          every registered service
              get service NAME                  versions, nodes and endpoints (also: describe service NAME)
              call SERVICE ENDPOINT [JSON]      a call: --address, --metadata k=v, --content_type, --timeout
              stream SERVICE ENDPOINT [JSON]    every message of a stream until it ends
              publish TOPIC JSON                a message through the broker
              health SERVICE | stats SERVICE    Debug.Health / Debug.Stats of every node
              register service JSON | deregister service JSON
              registry watch [SERVICE]          registry events as they come
              cli                               an interactive shell with these commands
              --output=text|json|raw            how the query commands print
              --proxy_address=host:port         query commands through a running micro sidecar
            flags, as go-micro's (environment variables work too, MICRO_REGISTRY=etcd):
              --registry=mdns|etcd|consul|memory  --registry_address=host:port
              --namespace=go.micro.api  --handler=meta|api|rpc|http|proxy|web|event  --address=:8080
              --enable_rpc=true|false  --enable_cors (every origin)  --selector=random|roundrobin
              --broker=http|nats|rabbitmq  --client_request_timeout=30s
              sidecar: --server_name=go.micro.srv.app --server_address=127.0.0.1:9000
              --healthcheck_url=http://127.0.0.1:9000/health --endpoints=App.Hello,App.Bye
              --handler=rpc|proxy --namespace=go.micro.srv --address=:8081 (loopback)
              web: --namespace=go.micro.web --address=:8082
              bot: --inputs=slack,xmpp --namespace=go.micro.bot --slack_app_token=xapp-... --slack_bot_token=xoxb-...
              --xmpp_jid=bot@example.com --xmpp_password=... --xmpp_address=host:5222
              --xmpp_rooms=ops@conference.example.com
              ... (any micro.* property: --client_retries=1)
            """;

    private Micro() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (MicroCli.handles(arguments)) {
            System.exit(MicroCli.run(arguments, System.getenv(), System.in, System.out, System.err));
            return;
        }
        GoFlags.Command command;
        try {
            command = GoFlags.parse(arguments);
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
            case "bot" -> BotApplication.main(springArgs);
            default -> {
                System.err.print(command.name().isEmpty() ? USAGE : "micro: unknown command '" + command.name()
                        + "'\n" + USAGE);
                System.exit(command.name().isEmpty() ? 0 : 2);
            }
        }
    }
}

package io.microspring.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** micro's command line, turned into the gateway's properties. */
class GoFlagsTest {

    @Test
    void theSeedsCommandLineBecomesProperties() {
        GoFlags.Command command = GoFlags.parse(List.of("--registry=etcd", "--registry_address=127.0.0.1:2379", "api"));
        assertThat(command.name()).isEqualTo("api");
        assertThat(command.springArgs()).containsExactly("--micro.registry=etcd",
                "--micro.registry-address=127.0.0.1:2379");
    }

    @Test
    void apiFlagsMayFollowTheCommandWithOrWithoutEquals() {
        GoFlags.Command command = GoFlags.parse(List.of("api", "--namespace", "com.example.api", "-handler=rpc",
                "--address=127.0.0.1:9090", "--enable_rpc=false", "--api_namespace=x"));
        assertThat(command.springArgs()).containsExactly("--micro.api.namespace=com.example.api",
                "--micro.api.handler=rpc", "--micro.api.address=127.0.0.1:9090", "--micro.api.rpc.enabled=false",
                "--micro.api.namespace=x");
    }

    @Test
    void sidecarFlagsBecomeSidecarPropertiesEvenBeforeTheCommand() {
        GoFlags.Command command = GoFlags.parse(List.of("--registry=etcd", "--namespace=x", "sidecar",
                "--server_name=go.micro.srv.py", "--server_address", "127.0.0.1:9000",
                "--healthcheck_url=http://127.0.0.1:9000/health", "--endpoints=Py.Hello,Py.Greet", "--handler=proxy",
                "--address=:9081", "--register_interval=2s"));
        assertThat(command.name()).isEqualTo("sidecar");
        assertThat(command.springArgs()).containsExactly("--micro.registry=etcd", "--micro.sidecar.namespace=x",
                "--micro.sidecar.server-name=go.micro.srv.py", "--micro.sidecar.server-address=127.0.0.1:9000",
                "--micro.sidecar.healthcheck-url=http://127.0.0.1:9000/health",
                "--micro.sidecar.endpoints=Py.Hello,Py.Greet", "--micro.sidecar.handler=proxy",
                "--micro.sidecar.address=:9081", "--micro.register-interval=2s");
    }

    @Test
    void webFlagsBecomeWebPropertiesEvenBeforeTheCommand() {
        GoFlags.Command command = GoFlags.parse(List.of("--registry=consul", "--namespace=com.example.web", "web",
                "--address", "127.0.0.1:9082", "--client_request_timeout=5s"));
        assertThat(command.name()).isEqualTo("web");
        assertThat(command.springArgs()).containsExactly("--micro.registry=consul",
                "--micro.web.namespace=com.example.web", "--micro.web.address=127.0.0.1:9082",
                "--micro.client-request-timeout=5s");
    }

    @Test
    void botFlagsBecomeBotPropertiesEvenBeforeTheCommand() {
        GoFlags.Command command = GoFlags.parse(List.of("--inputs=slack,xmpp", "bot", "--namespace",
                "com.example.bot", "--slack_app_token=xapp-1", "--xmpp_jid=bot@example.com",
                "--xmpp_rooms=a@muc.example.com,b@muc.example.com", "--micro.bot.xmpp.security=disabled"));
        assertThat(command.name()).isEqualTo("bot");
        assertThat(command.springArgs()).containsExactly("--micro.bot.inputs=slack,xmpp",
                "--micro.bot.namespace=com.example.bot", "--micro.bot.slack.app-token=xapp-1",
                "--micro.bot.xmpp.jid=bot@example.com",
                "--micro.bot.xmpp.rooms=a@muc.example.com,b@muc.example.com", "--micro.bot.xmpp.security=disabled");
    }

    @Test
    void booleanFlagsTakeNoSeparateValueAndSpringArgumentsPassUnchanged() {
        GoFlags.Command command = GoFlags.parse(List.of("--enable_rpc", "api", "--server.shutdown=immediate",
                "--client_request_timeout", "5s"));
        assertThat(command.springArgs()).containsExactly("--micro.api.rpc.enabled=true",
                "--server.shutdown=immediate", "--micro.client-request-timeout=5s");
    }

    @Test
    void enableCorsAllowsEveryOriginAsMicrosDoes() {
        assertThat(GoFlags.parse(List.of("api", "--enable_cors")).springArgs())
                .containsExactly("--micro.api.cors.allowed-origins=*");
        assertThat(GoFlags.parse(List.of("api", "--enable_cors=false")).springArgs())
                .containsExactly("--micro.api.cors.allowed-origins=");
    }

    @Test
    void helpAndNoCommandGiveNoCommand() {
        assertThat(GoFlags.parse(List.of()).name()).isEmpty();
        assertThat(GoFlags.parse(List.of("api", "--help")).name()).isEmpty();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> GoFlags.parse(List.of("api", "--registry"))).hasMessage("flag --registry needs a value");
        assertThatThrownBy(() -> GoFlags.parse(List.of("api", "--enable_tls"))).hasMessageContaining("not supported");
        assertThatThrownBy(() -> GoFlags.parse(List.of("api", "--enable_cors=yes")))
                .hasMessageContaining("--enable_cors takes true or false");
        assertThatThrownBy(() -> GoFlags.parse(List.of("api", "web"))).hasMessageContaining("unexpected argument 'web'");
    }
}

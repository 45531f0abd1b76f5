package io.microspring.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** micro's path resolution: the reference table, the namespace join rules and the edge cases. */
class PathResolutionTest {

    private static final Namespace NAMESPACE = Namespace.of("go.micro.api");

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            // the table of go-micro-wire.md
            "/foo/bar, go.micro.api.foo, Foo.Bar",
            "/greeter/say/hello, go.micro.api.greeter, Say.Hello",
            "/foo/bar/baz/cat, go.micro.api.foo.bar, Baz.Cat",
            "/v1/foo/bar, go.micro.api.v1.foo, Foo.Bar",
            "/foo, go.micro.api.foo, Foo",
            // dashes CamelCased; more of micro's own cases
            "/greeter/say-hello, go.micro.api.greeter, Greeter.SayHello",
            "/foo/bar/baz-xyz, go.micro.api.foo, Bar.BazXyz",
            "/foo/foo/bar, go.micro.api.foo, Foo.Bar",
            "/foo/bar/baz/cat/car, go.micro.api.foo.bar.baz, Cat.Car",
            "/foo/fooBar/bazCat, go.micro.api.foo, FooBar.BazCat",
            "/v1/foo/bar/baz, go.micro.api.v1.foo, Bar.Baz",
            "/v1/foo/bar/baz/cat, go.micro.api.v1.foo.bar, Baz.Cat",
            "/foo_bar/baz, go.micro.api.foo_bar, Foo_bar.Baz",
            // cleaned first: trailing slashes, empty segments, dot segments
            "/greeter/say/hello/, go.micro.api.greeter, Say.Hello",
            "//greeter///say/hello, go.micro.api.greeter, Say.Hello",
            "/greeter/./say/hello, go.micro.api.greeter, Say.Hello",
            "/other/../greeter/say/hello, go.micro.api.greeter, Say.Hello",
            "/../../greeter/say/hello, go.micro.api.greeter, Say.Hello",
            "/greet%65r/say/hello, go.micro.api.greeter, Say.Hello"
    })
    void resolvesAsMicroDoes(String path, String service, String endpoint) {
        PathResolver.RpcTarget target = PathResolver.rpc(RequestPath.parse(path)).orElseThrow();
        assertThat(NAMESPACE.join(target.service())).isEqualTo(service);
        assertThat(target.endpoint()).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "//", "/..", "/./."})
    void theRootNamesNoService(String path) {
        assertThat(PathResolver.rpc(RequestPath.parse(path))).isEmpty();
        assertThat(PathResolver.proxy(RequestPath.parse(path))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/greeter/say/hel.lo", "/gre%20eter/say", "/greeter/say/-hello", "/greeter/say--hello/x",
            "/greeter/%2F/hello", "/grüße/say", "/greeter/say/hello%00", "/a/b;c"})
    void invalidCharactersAreRefusedNamingTheSegment(String path) {
        assertThatThrownBy(() -> PathResolver.rpc(RequestPath.parse(path)))
                .isInstanceOf(InvalidPathException.class)
                .hasMessageContaining("may only hold letters, digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/greeter/%2e%2e/x", "/%2E/greeter", "/greeter/%zz/x", "/greeter/%4"})
    void hiddenDotSegmentsAndBrokenEncodingsAreRefused(String path) {
        assertThatThrownBy(() -> RequestPath.parse(path)).isInstanceOf(InvalidPathException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/f, f", "/f-b, f-b", "/foo/bar, foo", "/foo-bar, foo-bar", "/foo-bar-baz, foo-bar-baz",
            "/foo/bar/bar, foo", "/v1/foo/bar, v1.foo", "/v1/foo/bar/baz, v1.foo", "/v1/foo/bar/baz/cat, v1.foo",
            "/web/a%20b/../c/, web"
    })
    void theProxyTakesTheFirstSegment(String path, String service) {
        assertThat(PathResolver.proxy(RequestPath.parse(path))).hasValue(service);
    }

    @Test
    void theProxyForwardsTheCleanedPathStillEncoded() {
        assertThat(RequestPath.parse("/web//files/./a%20b/../c%2Fd/").raw()).isEqualTo("/web/files/c%2Fd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/web_app/x", "/-web/x", "/web-/x", "/we.b/x"})
    void theProxyRefusesNamesMicroRefuses(String path) {
        assertThatThrownBy(() -> PathResolver.proxy(RequestPath.parse(path))).isInstanceOf(InvalidPathException.class);
    }

    @ParameterizedTest(name = "{0} -> topic {1}, name {2}")
    @CsvSource({
            "/orders/created, orders, created", "/orders, orders, ''", "/orders/item/added, orders, item.added",
            "/v1/orders/created, v1.orders, orders.created", "/, '', event"
    })
    void eventsTakeTheTopicAndName(String path, String topic, String name) {
        PathResolver.EventTarget target = PathResolver.event(RequestPath.parse(path));
        assertThat(target.topic()).isEqualTo(topic);
        assertThat(target.name()).isEqualTo(name);
    }

    @ParameterizedTest(name = "''{0}'' + {1} = {2}")
    @CsvSource({
            "go.micro.api, greeter, go.micro.api.greeter",
            "go.micro.api., greeter, go.micro.api.greeter",
            "prod-, v1.greeter, prod-v1-greeter",
            "'', v1.greeter, v1.greeter",
            "' com.example.api ', foo, com.example.api.foo"
    })
    void namespacesJoinByGoMicrosRules(String namespace, String name, String joined) {
        assertThat(Namespace.of(namespace).join(name)).isEqualTo(joined);
    }

    @Test
    void aNamespaceContainsOnlyNamesUnderIt() {
        assertThat(NAMESPACE.contains("go.micro.api.greeter")).isTrue();
        assertThat(NAMESPACE.contains("go.micro.srv.greeter")).isFalse();
        assertThat(NAMESPACE.contains("go.micro.apiary")).isFalse();
        assertThat(NAMESPACE.contains("go.micro.api")).isFalse();
        assertThat(Namespace.of("prod-").contains("prod-greeter")).isTrue();
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
            "/hello/{name} | /hello/John | {name=John}",
            "/hello/{name=*} | /hello/J%20D | {name=J D}",
            "/files/{path=**} | /files/a/b/c | {path=a/b/c}",
            "/web/** | /web | {}",
            "/web/** | /web/a/b | {}",
            "/a/*/c | /a/b/c | {}",
            "/ | / | {}",
            "^/v[0-9]+/items$ | /v2/items | {}"
    })
    void templatesMatchAndCaptureVariables(String template, String path, String variables) {
        assertThat(PathTemplate.parse(template).match(RequestPath.parse(path)))
                .hasValueSatisfying(found -> assertThat(found.toString()).isEqualTo(variables));
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', value = {
            "/hello/{name} | /hello", "/hello/{name} | /hello/a/b", "/a/*/c | /a/b/d", "/ | /x",
            "^/v[0-9]+/items$ | /v2/items/x"
    })
    void templatesRefuseOtherPaths(String template, String path) {
        assertThat(PathTemplate.parse(template).match(RequestPath.parse(path))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "/a/**/b", "/a/{b=c/*}", "/a//b", "/a/b{c}"})
    void malformedTemplatesAreRefused(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRouteMatchesItsMethodsAndHosts() {
        MetaRoute route = MetaRoute.of("go.micro.api.test", "Echo.Thing", Map.of("handler", "rpc",
                "path", "/things/{id}", "method", "GET,post", "host", "^api\\.example\\.com")).get(0);
        RequestPath path = RequestPath.parse("/things/7");
        assertThat(route.match("GET", "api.example.com:8080", path)).hasValue(Map.of("id", "7"));
        assertThat(route.match("POST", "api.example.com", path)).isPresent();
        assertThat(route.match("DELETE", "api.example.com", path)).isEmpty();
        assertThat(route.match("GET", "other.example.com", path)).isEmpty();
        assertThat(MetaRoute.of("s", "E.M", Map.of("path", "/x"))).isEmpty();
    }
}

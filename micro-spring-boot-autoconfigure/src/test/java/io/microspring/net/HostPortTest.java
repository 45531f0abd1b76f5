package io.microspring.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

/** {@code host:port} read and written as Go's net.SplitHostPort and net.JoinHostPort do. */
class HostPortTest {

    @Test
    void readsHostAndPort() {
        assertThat(HostPort.parse("127.0.0.1:8080")).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(HostPort.parse("greeter.local:80")).isEqualTo(new HostPort("greeter.local", 80));
        assertThat(HostPort.parse(" 10.0.0.1:65535 ")).isEqualTo(new HostPort("10.0.0.1", 65_535));
    }

    @Test
    void readsGoMicrosEmptyHostAsEveryInterface() {
        HostPort any = HostPort.parse(":0");

        assertThat(any).isEqualTo(new HostPort("", 0));
        assertThat(any.isWildcard()).isTrue();
        assertThat(any.socketAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(any.toString()).isEqualTo(":0");
    }

    @Test
    void readsIpv6InBracketsAndWritesItBack() {
        HostPort loopback = HostPort.parse("[::1]:8080");

        assertThat(loopback).isEqualTo(new HostPort("::1", 8080));
        assertThat(loopback.uriHost()).isEqualTo("[::1]");
        assertThat(loopback.toString()).isEqualTo("[::1]:8080");
        assertThat(HostPort.parse("[::]:0").isWildcard()).isTrue();
    }

    @Test
    void refusesAnAddressWithoutPortNamingIt() {
        assertThatThrownBy(() -> HostPort.parse("localhost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'localhost' is not host:port (such as 127.0.0.1:8080, :0 or [::1]:8080): it has no port");
        assertThatThrownBy(() -> HostPort.parse("[::1]")).hasMessageContaining("'[::1]'")
                .hasMessageContaining("it has no port");
        assertThatThrownBy(() -> HostPort.parse(null)).hasMessageContaining("it has no port");
    }

    @Test
    void takesTheDefaultPortWhenThereIsNone() {
        assertThat(HostPort.parse("etcd-1", 2379)).isEqualTo(new HostPort("etcd-1", 2379));
        assertThat(HostPort.parse("[::1]", 2379)).isEqualTo(new HostPort("::1", 2379));
        assertThat(HostPort.parse("10.0.0.1:", 0)).isEqualTo(new HostPort("10.0.0.1", 0));
        assertThat(HostPort.parse("etcd-1:2381", 2379)).isEqualTo(new HostPort("etcd-1", 2381));
    }

    @Test
    void refusesBadPortsAndHostsSayingWhy() {
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:http")).hasMessageEndingWith(
                "its port 'http' is not a number from 0 to 65535");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:65536")).hasMessageContaining("'65536'");
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:-1")).hasMessageContaining("'-1'");
        assertThatThrownBy(() -> HostPort.parse("::1:80")).hasMessageEndingWith(
                "an IPv6 host needs brackets, as in [::1]:8080");
        assertThatThrownBy(() -> HostPort.parse("[::1:80")).hasMessageEndingWith("its '[' has no ']'");
        assertThatThrownBy(() -> HostPort.parse("[::1]x:80")).hasMessageEndingWith("only :port may follow ']'");
        assertThatThrownBy(() -> HostPort.parse("a,b:80")).hasMessageEndingWith(
                "its host 'a,b' is not a name or an IP address");
        assertThatThrownBy(() -> HostPort.parse("http://etcd:2379")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiresAHostWhereClientsMustReachIt() {
        assertThat(HostPort.parse("10.0.0.1:80").requireHost()).isEqualTo(new HostPort("10.0.0.1", 80));
        assertThatThrownBy(() -> HostPort.parse(":80").requireHost()).hasMessageContaining("':80'")
                .hasMessageEndingWith("it has no host");
    }

    @Test
    void writesIpAddressesAsGoDoes() throws Exception {
        assertThat(HostPort.of(InetAddress.getByName("10.0.0.1"), 80)).hasToString("10.0.0.1:80");
        assertThat(HostPort.of(InetAddress.getByName("::1"), 80)).hasToString("[::1]:80");
        assertThat(HostPort.of(InetAddress.getByName("::"), 80)).hasToString("[::]:80");
        assertThat(HostPort.of(InetAddress.getByName("fd00:0:0:0:0:0:0:2"), 80)).hasToString("[fd00::2]:80");
        assertThat(HostPort.of(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 80)).hasToString("[2001:db8::1:0:0:1]:80");
        assertThat(HostPort.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 80))
                .hasToString("[2001:db8:0:1:1:1:1:1]:80");
        assertThat(HostPort.of(InetAddress.getByName("fe80:0:0:0:0:0:0:0"), 80)).hasToString("[fe80::]:80");
    }

    @Test
    void writesABoundSocketAddress() throws Exception {
        assertThat(HostPort.of(new InetSocketAddress(InetAddress.getByName("::1"), 9090))).hasToString("[::1]:9090");
        assertThat(HostPort.of(new InetSocketAddress(0)).isWildcard()).isTrue();
        assertThat(HostPort.of(InetSocketAddress.createUnresolved("node-1", 80))).hasToString("node-1:80");
    }
}

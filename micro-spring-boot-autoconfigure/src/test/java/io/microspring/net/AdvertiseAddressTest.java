package io.microspring.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The address a node registers, chosen as go-micro chooses it. */
class AdvertiseAddressTest {

    private static final HostPort BOUND = new HostPort("127.0.0.1", 41000);

    @Test
    void registersTheBoundAddressWhenNothingIsAdvertised() {
        assertThat(AdvertiseAddress.resolve("", BOUND)).isEqualTo(BOUND);
    }

    @Test
    void registersTheAdvertisedAddressTakingTheBoundPortWhenItHasNone() {
        assertThat(AdvertiseAddress.resolve("10.1.2.3:9000", BOUND)).hasToString("10.1.2.3:9000");
        assertThat(AdvertiseAddress.resolve("10.1.2.3", BOUND)).hasToString("10.1.2.3:41000");
        assertThat(AdvertiseAddress.resolve("10.1.2.3:0", BOUND)).hasToString("10.1.2.3:41000");
        assertThat(AdvertiseAddress.resolve("[fd00::1]", BOUND)).hasToString("[fd00::1]:41000");
    }

    @Test
    void replacesAWildcardHostByAnAddressOfThisMachine() {
        for (HostPort bound : new HostPort[] {new HostPort("", 41000), new HostPort("0.0.0.0", 41000),
                new HostPort("::", 41000)}) {
            HostPort advertised = AdvertiseAddress.resolve("", bound);
            assertThat(advertised.isWildcard()).as(bound.toString()).isFalse();
            assertThat(advertised.host()).as(bound.toString()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(advertised.port()).isEqualTo(41000);
        }
    }

    @Test
    void refusesAnAdvertiseAddressThatIsNotHostPort() {
        assertThatThrownBy(() -> AdvertiseAddress.resolve("a b:80", BOUND)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a b:80'");
    }
}

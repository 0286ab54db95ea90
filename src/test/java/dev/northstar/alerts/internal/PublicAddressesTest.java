package dev.northstar.alerts.internal;

import dev.northstar.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Literal addresses and localhost, which the machine itself answers: the test needs no network. */
class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.1.2.3/hook", "http://172.16.0.9/hook",
            "http://192.168.1.20/hook", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/hook", "http://[::1]/hook",
            "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook", "http://100.100.100.200/latest/meta-data", "http://[64:ff9b::a00:1]/hook",
            "http://[::10.0.0.1]/hook"})
    void localAndPrivateAddressesAreRefusedWithTheSwitchNamed(String url) {
        assertThatThrownBy(() -> new PublicAddresses(false).check(URI.create(url))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("url points at a local or private address")
                .hasMessageContaining("northstar.delivery.allow-private-addresses=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:4700::6810:84e5]/services/T0/B0/x", "http://8.8.8.8:8080/hook"})
    void publicAddressesPass(String url) {
        assertThatCode(() -> new PublicAddresses(false).check(URI.create(url))).doesNotThrowAnyException();
    }
}

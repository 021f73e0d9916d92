package io.saaskit.boot.web.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressResolverTests {

    private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "::1/128"));

    @Test
    void withoutTrustedProxiesTheSocketAddressIsTheClient() {
        ClientAddressResolver untrusting = new ClientAddressResolver(List.of());

        assertThat(untrusting.resolve(request("10.0.0.1", "203.0.113.5"))).isEqualTo("10.0.0.1");
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertThat(this.resolver.resolve(request("198.51.100.1", "203.0.113.5"))).isEqualTo("198.51.100.1");
    }

    @Test
    void theRightMostUntrustedAddressIsTheClient() {
        assertThat(this.resolver.resolve(request("10.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.7")))
                .isEqualTo("203.0.113.5");
    }

    @Test
    void severalHeadersAreReadAsOneList() {
        MockHttpServletRequest request = request("10.0.0.1", "1.2.3.4");
        request.addHeader("X-Forwarded-For", "10.0.0.9");

        assertThat(this.resolver.resolve(request)).isEqualTo("1.2.3.4");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(this.resolver.resolve(request("10.0.0.1", "10.0.0.3, 10.0.0.2"))).isEqualTo("10.0.0.3");
    }

    @Test
    void garbageEndsTheWalkAtTheLastTrustedHop() {
        assertThat(this.resolver.resolve(request("10.0.0.1", "evil.example.com, 10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(this.resolver.resolve(request("10.0.0.1", "not an address"))).isEqualTo("10.0.0.1");
    }

    @Test
    void ipv6PeersAndBracketedEntriesAreUnderstood() {
        assertThat(this.resolver.resolve(request("0:0:0:0:0:0:0:1", "[2001:db8::1]")))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void aMissingHeaderLeavesTheTrustedPeer() {
        assertThat(this.resolver.resolve(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
    }

    private static MockHttpServletRequest request(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}

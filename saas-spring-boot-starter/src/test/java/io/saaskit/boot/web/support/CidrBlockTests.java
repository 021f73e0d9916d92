package io.saaskit.boot.web.support;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CidrBlockTests {

    @Test
    void anIpv4BlockContainsExactlyItsRange() throws Exception {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");

        assertThat(block.contains(InetAddress.getByName("10.1.0.1"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.1.255.255"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
    }

    @Test
    void aPrefixThatIsNotAByteBoundaryIsHonoured() throws Exception {
        CidrBlock block = CidrBlock.parse("192.168.1.64/26");

        assertThat(block.contains(InetAddress.getByName("192.168.1.64"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("192.168.1.127"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("192.168.1.128"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("192.168.1.63"))).isFalse();
    }

    @Test
    void aSingleAddressIsAFullLengthBlock() throws Exception {
        CidrBlock block = CidrBlock.parse("203.0.113.7");

        assertThat(block.contains(InetAddress.getByName("203.0.113.7"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("203.0.113.8"))).isFalse();
    }

    @Test
    void ipv6BlocksMatchIpv6AddressesOnly() throws Exception {
        CidrBlock block = CidrBlock.parse("2001:db8::/32");

        assertThat(block.contains(InetAddress.getByName("2001:db8:1::5"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(CidrBlock.parse("::/0").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void malformedBlocksAreRefused() {
        for (String text : new String[] { "", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0/8", "300.0.0.0/8", "host.name",
                "10.0.0.0/x", "::1/129" }) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> CidrBlock.parse(text));
        }
    }
}

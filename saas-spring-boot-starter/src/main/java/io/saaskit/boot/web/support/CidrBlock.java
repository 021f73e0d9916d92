package io.saaskit.boot.web.support;

import java.net.InetAddress;

/**
 * A range of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address), used
 * to decide which peers are trusted proxies. IPv4 and IPv6 ranges never match each other's addresses.
 */
public final class CidrBlock {

    private final byte[] network;

    private final int prefixLength;

    private CidrBlock(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses a block.
     * @param text for example {@code 192.168.0.0/16} or {@code ::1}
     * @return the block
     * @throws IllegalArgumentException when the text is not a valid block
     */
    public static CidrBlock parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = (slash < 0) ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = IpAddresses.parse(address).map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("Not a CIDR block: " + text));
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("Not a CIDR block: " + text, ex);
            }
        }
        if (prefix < 0 || prefix > maxPrefix) {
            throw new IllegalArgumentException("Not a CIDR block: " + text);
        }
        return new CidrBlock(bytes, prefix);
    }

    /**
     * Whether an address lies in this block.
     * @param address the address
     * @return true when it matches
     */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != this.network.length) {
            return false;
        }
        int fullBytes = this.prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != this.network[i]) {
                return false;
            }
        }
        int remainingBits = this.prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (this.network[fullBytes] & mask);
    }
}

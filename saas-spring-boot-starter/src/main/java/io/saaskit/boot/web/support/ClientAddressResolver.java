package io.saaskit.boot.web.support;

import java.net.InetAddress;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the client's IP address for rate limits, sessions and audit rows.
 *
 * <p>It is the socket peer's address, unless the peer is a trusted proxy ({@code saaskit.http.trusted-proxies}, a
 * CIDR list that is empty by default): then {@code X-Forwarded-For} is read from the right, skipping trusted
 * proxies, and the right-most untrusted address is the client. Entries left of it were written by the client and
 * are ignored, so a client cannot choose its own rate-limit bucket by sending the header.
 */
public final class ClientAddressResolver {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<CidrBlock> trustedProxies;

    /**
     * Creates a resolver.
     * @param trustedProxies the CIDR blocks of trusted proxies
     * @throws IllegalArgumentException when a block is malformed
     */
    public ClientAddressResolver(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter((s) -> !s.isBlank()).map(CidrBlock::parse).toList();
    }

    /**
     * The client address of a request.
     * @param request the request
     * @return the address as text
     */
    public String resolve(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (this.trustedProxies.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
        List<String> hops = (headers != null) ? Collections.list(headers) : List.of();
        String client = peer;
        for (int h = hops.size() - 1; h >= 0; h--) {
            String[] entries = hops.get(h).split(",");
            for (int e = entries.length - 1; e >= 0; e--) {
                Optional<InetAddress> address = IpAddresses.parse(entries[e]);
                if (address.isEmpty()) {
                    // Garbage where a proxy should have written an address: keep the last trustworthy hop.
                    return client;
                }
                client = address.get().getHostAddress();
                if (!contains(address.get())) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean isTrusted(String address) {
        return IpAddresses.parse(address).map(this::contains).orElse(false);
    }

    private boolean contains(InetAddress address) {
        return this.trustedProxies.stream().anyMatch((block) -> block.contains(address));
    }
}

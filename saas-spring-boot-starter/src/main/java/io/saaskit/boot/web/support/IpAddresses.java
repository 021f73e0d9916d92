package io.saaskit.boot.web.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP address literals without ever touching DNS: text that is not an IPv4 or IPv6 literal is refused
 * before {@link InetAddress} sees it, since {@code InetAddress.getByName} would resolve a host name.
 */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpAddresses() {
    }

    /**
     * Parses a literal such as {@code 203.0.113.7}, {@code 2001:db8::1} or {@code [2001:db8::1]}.
     * @param text the text
     * @return the address, or empty when the text is not a literal
     */
    static Optional<InetAddress> parse(String text) {
        String literal = text.trim();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean v4 = IPV4.matcher(literal).matches();
        boolean v6 = !v4 && literal.indexOf(':') >= 0 && IPV6.matcher(literal).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : literal.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        }
        catch (UnknownHostException ex) {
            return Optional.empty();
        }
    }
}

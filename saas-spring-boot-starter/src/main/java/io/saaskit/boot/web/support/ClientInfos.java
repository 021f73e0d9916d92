package io.saaskit.boot.web.support;

import io.saaskit.core.shared.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Builds the {@link ClientInfo} recorded with sessions (and later audit rows): the resolved client address and
 * the {@code User-Agent}, stripped of control characters and cut to a sane length, since it is client-controlled
 * text that ends up in the database and in the sessions list.
 */
public final class ClientInfos {

    private static final int MAX_USER_AGENT = 512;

    private final ClientAddressResolver addresses;

    /**
     * Creates the factory.
     * @param addresses resolves the client address
     */
    public ClientInfos(ClientAddressResolver addresses) {
        this.addresses = addresses;
    }

    /**
     * The client of a request.
     * @param request the request
     * @return the client info
     */
    public ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(this.addresses.resolve(request), userAgent(request.getHeader(HttpHeaders.USER_AGENT)));
    }

    /**
     * The client address alone, as rate limits key on it.
     * @param request the request
     * @return the address
     */
    public String address(HttpServletRequest request) {
        return this.addresses.resolve(request);
    }

    private static @Nullable String userAgent(@Nullable String header) {
        if (header == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(header.length(), MAX_USER_AGENT));
        header.codePoints().filter((c) -> !Character.isISOControl(c)).limit(MAX_USER_AGENT)
                .forEach(clean::appendCodePoint);
        String value = clean.toString().trim();
        return value.isEmpty() ? null : value;
    }
}

package io.saaskit.boot.web.support;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * Reads the credential of an {@code Authorization: Bearer <value>} header, the one rule every bearer-authenticated
 * route (sessions, API keys, SCIM, the operator API) applies: the scheme matched case-insensitively, the value
 * trimmed, an empty value counting as none.
 */
public final class BearerToken {

    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /**
     * The bearer value of a request.
     * @param request the request
     * @return the value, or empty without an {@code Authorization} header of the Bearer scheme or with an empty value
     */
    public static Optional<String> of(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String value = authorization.substring(SCHEME.length()).trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}

package io.saaskit.boot.web.auth;

import java.util.Optional;

import io.saaskit.boot.web.support.BearerToken;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A session token as a request presents it: the {@code sid} cookie if there is one (it wins), else
 * {@code Authorization: Bearer <token>}.
 *
 * @param value the token text; never logged
 * @param fromCookie whether it came from the cookie
 */
public record PresentedToken(String value, boolean fromCookie) {

    private static final String API_KEY_PREFIX = "ak_";

    /**
     * Finds the token of a request.
     * @param request the request
     * @param cookie the session cookie settings
     * @return the token, or empty when the request carries none
     */
    public static Optional<PresentedToken> of(HttpServletRequest request, SessionCookie cookie) {
        Optional<String> fromCookie = cookie.read(request);
        if (fromCookie.isPresent()) {
            return Optional.of(new PresentedToken(fromCookie.get(), true));
        }
        return BearerToken.of(request).map((token) -> new PresentedToken(token, false));
    }

    /**
     * Whether the Bearer value is an API key, which never authenticates a session route.
     * @return true for {@code ak_...}
     */
    public boolean isApiKey() {
        return !this.fromCookie && this.value.startsWith(API_KEY_PREFIX);
    }

    @Override
    public String toString() {
        return "PresentedToken[<redacted>, fromCookie=" + this.fromCookie + "]";
    }
}

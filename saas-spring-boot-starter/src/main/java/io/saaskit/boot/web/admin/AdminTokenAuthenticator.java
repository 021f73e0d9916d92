package io.saaskit.boot.web.admin;


import io.saaskit.boot.web.support.BearerToken;
import io.saaskit.core.shared.ConfiguredSecret;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates operator requests (auth A): {@code Authorization: Bearer <INTERNAL_ADMIN_TOKEN>}.
 *
 * <p>Only the SHA-256 digest of the configured token is kept, and the presented token's digest is compared with
 * it in constant time, so neither the comparison's duration nor a heap dump reveals the token. Without a configured
 * token every request is refused with 403 "Internal admin token not configured"; a missing or wrong token is 401
 * "Unauthorized".
 */
public final class AdminTokenAuthenticator {

    private final ConfiguredSecret token;

    /**
     * Creates the authenticator.
     * @param token the configured token, or {@code null} or blank when none is configured
     */
    public AdminTokenAuthenticator(@Nullable String token) {
        this.token = ConfiguredSecret.of(token);
    }

    /**
     * Checks a request's token.
     * @param request the request
     * @throws ForbiddenException when no token is configured
     * @throws UnauthorizedException when the token is missing or wrong
     */
    public void authenticate(HttpServletRequest request) {
        if (!this.token.isConfigured()) {
            throw new ForbiddenException("Internal admin token not configured");
        }
        if (!this.token.matches(BearerToken.of(request).orElse(null))) {
            throw new UnauthorizedException("Unauthorized");
        }
    }


    @Override
    public String toString() {
        return "AdminTokenAuthenticator[configured=" + this.token.isConfigured() + "]";
    }
}

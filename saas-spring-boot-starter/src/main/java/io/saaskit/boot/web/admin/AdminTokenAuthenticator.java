package io.saaskit.boot.web.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.saaskit.boot.web.support.BearerToken;
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

    private final byte @Nullable [] digest;

    /**
     * Creates the authenticator.
     * @param token the configured token, or {@code null} or blank when none is configured
     */
    public AdminTokenAuthenticator(@Nullable String token) {
        this.digest = (token == null || token.isBlank()) ? null : sha256(token.trim());
    }

    /**
     * Checks a request's token.
     * @param request the request
     * @throws ForbiddenException when no token is configured
     * @throws UnauthorizedException when the token is missing or wrong
     */
    public void authenticate(HttpServletRequest request) {
        byte[] expected = this.digest;
        if (expected == null) {
            throw new ForbiddenException("Internal admin token not configured");
        }
        String presented = BearerToken.of(request).orElseThrow(() -> new UnauthorizedException("Unauthorized"));
        if (!MessageDigest.isEqual(expected, sha256(presented))) {
            throw new UnauthorizedException("Unauthorized");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    @Override
    public String toString() {
        return "AdminTokenAuthenticator[configured=" + (this.digest != null) + "]";
    }
}

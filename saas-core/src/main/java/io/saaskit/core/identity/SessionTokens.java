package io.saaskit.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks signed session tokens.
 *
 * <p>A raw token is 32 random bytes in unpadded base64url. Clients hold {@code <token>.<sig>} where
 * {@code sig = base64url(HMAC-SHA-256(secret, token))}; the database holds only the hex SHA-256 of the token.
 * A value whose signature fails is refused before any lookup, so rotating the secret invalidates every session.
 * Signatures are compared in constant time.
 */
public final class SessionTokens {

    private static final int TOKEN_BYTES = 32;

    /** Upper bound on a presented value: 43 token chars, a dot and 43 signature chars, with slack. */
    private static final int MAX_PRESENTED_LENGTH = 128;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    private final SecretKeySpec key;

    public SessionTokens(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * A fresh token.
     * @return the value to hand to the client and the hash to store
     */
    public IssuedToken issue() {
        byte[] raw = new byte[TOKEN_BYTES];
        this.random.nextBytes(raw);
        String token = BASE64URL.encodeToString(raw);
        return new IssuedToken(token + "." + sign(token), hash(token));
    }

    /**
     * Checks the signature of a presented value.
     * @param presented the value from the cookie or Bearer header
     * @return the hash to look up when the signature is valid, else empty
     */
    public Optional<String> verify(String presented) {
        if (presented.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        int dot = presented.indexOf('.');
        if (dot <= 0 || dot != presented.lastIndexOf('.')) {
            return Optional.empty();
        }
        String token = presented.substring(0, dot);
        byte[] expected = sign(token).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = presented.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        return Optional.of(hash(token));
    }

    private String sign(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.key);
            return BASE64URL.encodeToString(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /**
     * A newly issued token.
     *
     * @param value what the client holds: token, dot, signature
     * @param hash hex SHA-256 of the raw token, the only form stored
     */
    public record IssuedToken(String value, String hash) {

        @Override
        public String toString() {
            return "IssuedToken[<redacted>]";
        }
    }
}

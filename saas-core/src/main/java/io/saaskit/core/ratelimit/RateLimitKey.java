package io.saaskit.core.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * Builds bucket keys: {@code scope:} followed by the SHA-256 of the key parts joined by {@code |} (a missing
 * part becomes {@code -}). Hashing keeps client-controlled text such as emails out of the store's key space.
 */
public final class RateLimitKey {

    /** One digest per thread: looking the algorithm up on every hit is a measurable share of a request. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(RateLimitKey::newDigest);

    private RateLimitKey() {
    }

    /**
     * The bucket key for a scope and its parts.
     * @param scope the scope
     * @param parts the key parts; {@code null} parts count as {@code -}
     * @return the bucket key
     */
    public static String of(String scope, @Nullable String... parts) {
        StringJoiner joined = new StringJoiner("|");
        for (String part : parts) {
            joined.add((part != null) ? part : "-");
        }
        byte[] digest = SHA_256.get().digest(joined.toString().getBytes(StandardCharsets.UTF_8));
        return scope + ":" + HexFormat.of().formatHex(digest);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}

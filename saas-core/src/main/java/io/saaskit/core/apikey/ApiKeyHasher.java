package io.saaskit.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Keyed hashing of API keys: {@code hex(HMAC-SHA-256(pepper, key))}.
 *
 * <p>Only this hash is stored. The pepper lives in configuration, not in the database, so a database dump alone
 * cannot be used to confirm guessed keys. To rotate the pepper, configure the old one as the previous pepper: a
 * lookup that misses under the current pepper is retried under the previous one, and a hit is re-hashed under the
 * current one. The {@link #pepperVersion() pepper version}, stored with every key, is a short fingerprint of the
 * pepper that hashed it, so operators can count the keys still hashed under an old pepper before dropping it.
 */
public final class ApiKeyHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private static final int VERSION_LENGTH = 8;

    private static final byte[] VERSION_LABEL =
            "saaskit:api-key-pepper-version".getBytes(StandardCharsets.US_ASCII);

    private final ThreadLocal<Mac> current;

    private final @Nullable ThreadLocal<Mac> previous;

    private final String pepperVersion;

    /**
     * Creates a hasher.
     * @param pepper the current pepper
     * @param previousPepper the pepper being rotated out, or {@code null}
     */
    public ApiKeyHasher(String pepper, @Nullable String previousPepper) {
        this.current = macFor(pepper);
        this.previous = (previousPepper != null && !previousPepper.isEmpty()) ? macFor(previousPepper) : null;
        this.pepperVersion = HexFormat.of().formatHex(this.current.get().doFinal(VERSION_LABEL))
                .substring(0, VERSION_LENGTH);
    }

    /**
     * The hash of a key under the current pepper.
     * @param key the key
     * @return 64 lowercase hex characters
     */
    public String hash(String key) {
        return hex(this.current.get(), key);
    }

    /**
     * The hash of a key under the previous pepper, when one is configured.
     * @param key the key
     * @return the hash, or empty without a previous pepper
     */
    public Optional<String> previousHash(String key) {
        ThreadLocal<Mac> mac = this.previous;
        return (mac != null) ? Optional.of(hex(mac.get(), key)) : Optional.empty();
    }

    /**
     * The fingerprint of the current pepper, stored with every key hashed under it.
     * @return 8 lowercase hex characters
     */
    public String pepperVersion() {
        return this.pepperVersion;
    }

    @Override
    public String toString() {
        return "ApiKeyHasher[pepperVersion=" + this.pepperVersion + ", previous=" + (this.previous != null) + "]";
    }

    private static String hex(Mac mac, String key) {
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.US_ASCII)));
    }

    private static ThreadLocal<Mac> macFor(String pepper) {
        if (pepper.isEmpty()) {
            throw new IllegalArgumentException("An API key pepper must not be empty");
        }
        SecretKeySpec key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        Mac prototype = newMac(key);
        return ThreadLocal.withInitial(() -> {
            try {
                return (Mac) prototype.clone();
            }
            catch (CloneNotSupportedException ex) {
                return newMac(key);
            }
        });
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
    }
}

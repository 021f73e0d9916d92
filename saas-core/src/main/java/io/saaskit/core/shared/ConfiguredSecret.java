package io.saaskit.core.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.jspecify.annotations.Nullable;

/**
 * A secret set by the operator (the internal admin token, the shared SCIM token) that requests present as is.
 *
 * <p>Only its SHA-256 digest is kept, and a presented value is compared digest to digest in constant time, so
 * neither the comparison's duration nor the secret's length leaks, and a heap dump does not show the secret.
 */
public final class ConfiguredSecret {

    private final byte @Nullable [] digest;

    private ConfiguredSecret(byte @Nullable [] digest) {
        this.digest = digest;
    }

    /**
     * The secret as configured.
     * @param value the configured value; {@code null} or blank means not configured; surrounding space is ignored
     * @return the secret
     */
    public static ConfiguredSecret of(@Nullable String value) {
        return new ConfiguredSecret((value == null || value.isBlank()) ? null : sha256(value.trim()));
    }

    /**
     * Whether a secret is configured.
     * @return true when one is
     */
    public boolean isConfigured() {
        return this.digest != null;
    }

    /**
     * Whether a presented value is the secret, compared in constant time.
     * @param presented the presented value, or {@code null}
     * @return true only when a secret is configured and the value equals it
     */
    public boolean matches(@Nullable String presented) {
        byte[] expected = this.digest;
        return expected != null && presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    @Override
    public String toString() {
        return "ConfiguredSecret[configured=" + isConfigured() + "]";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}

package io.saaskit.adapters.stripe;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.saaskit.core.billing.port.WebhookSignatureVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Verifies {@code Stripe-Signature} headers as Stripe signs them: {@code t=<unix seconds>,v1=<hex>[,v1=...]}, where
 * each {@code v1} is {@code hex(HMAC-SHA-256(secret, t + "." + body))} over the exact bytes received.
 *
 * <p>Unlike stripe-java's {@code Webhook.Signature}, which takes one secret, reads the body as a string and refuses
 * only timestamps in the past, this accepts any of several secrets (rotation: {@code STRIPE_WEBHOOK_SECRET} may be a
 * comma-separated list), works on the raw bytes, and refuses timestamps outside the tolerance in both directions.
 * Every expected signature is compared with every presented one in constant time ({@link MessageDigest#isEqual}).
 */
public final class StripeWebhookSignatureVerifier implements WebhookSignatureVerifier {

    private static final String ALGORITHM = "HmacSHA256";

    /** More signatures than this in one header is not a Stripe header; it is refused without computing. */
    private static final int MAX_SIGNATURES = 16;

    private final List<SecretKeySpec> secrets;

    private final Duration tolerance;

    /**
     * Creates the verifier.
     * @param secrets the signing secrets ({@code whsec_...}); blank entries are ignored, none means not configured
     * @param tolerance the largest accepted difference between the header's timestamp and now, either way
     */
    public StripeWebhookSignatureVerifier(List<String> secrets, Duration tolerance) {
        Objects.requireNonNull(secrets, "secrets");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                keys.add(new SecretKeySpec(secret.trim().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            }
        }
        this.secrets = List.copyOf(keys);
    }

    /**
     * Creates the verifier from a comma-separated list of secrets, as {@code STRIPE_WEBHOOK_SECRET} holds them.
     * @param secrets the secrets, comma-separated, or empty
     * @param tolerance the largest accepted clock difference, either way
     * @return the verifier
     */
    public static StripeWebhookSignatureVerifier of(String secrets, Duration tolerance) {
        return new StripeWebhookSignatureVerifier(List.of(secrets.split(",")), tolerance);
    }

    @Override
    public boolean configured() {
        return !this.secrets.isEmpty();
    }

    @Override
    public boolean verify(byte[] body, String header, Instant now) {
        Header parsed = Header.parse(header);
        if (parsed == null || this.secrets.isEmpty()) {
            return false;
        }
        long skew = Math.abs(now.getEpochSecond() - parsed.timestamp());
        if (skew > this.tolerance.toSeconds()) {
            return false;
        }
        byte[] prefix = (parsed.timestamp() + ".").getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (SecretKeySpec secret : this.secrets) {
            byte[] expected = sign(secret, prefix, body);
            for (byte[] candidate : parsed.signatures()) {
                // No early exit: the time taken does not tell which secret or signature matched.
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matched;
    }

    private static byte[] sign(SecretKeySpec secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            mac.update(prefix);
            return mac.doFinal(body);
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
        }
    }

    @Override
    public String toString() {
        return "StripeWebhookSignatureVerifier[secrets=" + this.secrets.size() + ", tolerance=" + this.tolerance + "]";
    }

    /** The parts of a signature header: its timestamp and its {@code v1} signatures (other schemes ignored). */
    private record Header(long timestamp, List<byte[]> signatures) {

        static @Nullable Header parse(String header) {
            @Nullable Long timestamp = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String part : header.split(",")) {
                int equals = part.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = part.substring(0, equals).trim();
                String value = part.substring(equals + 1).trim();
                if ("t".equals(name)) {
                    timestamp = parseTimestamp(value);
                    if (timestamp == null) {
                        return null;
                    }
                }
                else if ("v1".equals(name) && value.length() == 64) {
                    byte[] signature = parseHex(value);
                    if (signature != null) {
                        signatures.add(signature);
                    }
                }
            }
            if (timestamp == null || signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
                return null;
            }
            return new Header(timestamp, signatures);
        }

        private static @Nullable Long parseTimestamp(String value) {
            if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
                return null;
            }
            return Long.parseLong(value);
        }

        private static byte @Nullable [] parseHex(String value) {
            try {
                return HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                return null;
            }
        }
    }
}

package io.saaskit.core.billing;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of billing, bridged from {@code saaskit.stripe.*}.
 *
 * @param successUrl where Checkout sends the customer after paying ({@code STRIPE_SUCCESS_URL}), or {@code null}
 * @param cancelUrl where Checkout sends the customer after giving up ({@code STRIPE_CANCEL_URL}), or {@code null}
 * @param portalReturnUrl where the billing portal sends the customer back ({@code STRIPE_PORTAL_RETURN_URL}), or
 *                        {@code null}
 * @param maxAttempts failed attempts after which a webhook event is {@code dead} ({@code STRIPE_EVENT_MAX_ATTEMPTS})
 * @param lease how long a worker holds a claimed event before another may take it over
 */
public record BillingSettings(@Nullable String successUrl, @Nullable String cancelUrl,
        @Nullable String portalReturnUrl, int maxAttempts, Duration lease) {

    /** How long processed and ignored inbox rows are kept. */
    public static final Duration INBOX_RETENTION = Duration.ofDays(90);

    public BillingSettings {
        Objects.requireNonNull(lease, "lease");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        successUrl = blankToNull(successUrl);
        cancelUrl = blankToNull(cancelUrl);
        portalReturnUrl = blankToNull(portalReturnUrl);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value.trim();
    }
}

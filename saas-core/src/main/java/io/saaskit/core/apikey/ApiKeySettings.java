package io.saaskit.core.apikey;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How API keys are hashed.
 *
 * @param pepper the secret HMAC key of the keyed hash (at least 16 characters; the starter requires 32 in
 *               production); changing it without keeping the old one as {@code previousPepper} invalidates every key
 * @param previousPepper the pepper being rotated out, tried when a lookup under {@code pepper} misses; or
 *                       {@code null}
 */
public record ApiKeySettings(String pepper, @Nullable String previousPepper) {

    /** Shortest pepper accepted. */
    public static final int MIN_PEPPER_LENGTH = 16;

    public ApiKeySettings {
        Objects.requireNonNull(pepper, "pepper");
        if (pepper.length() < MIN_PEPPER_LENGTH) {
            throw new IllegalArgumentException("The API key pepper must be at least " + MIN_PEPPER_LENGTH
                    + " characters");
        }
        if (previousPepper != null && previousPepper.isEmpty()) {
            previousPepper = null;
        }
    }

    @Override
    public String toString() {
        return "ApiKeySettings[pepper=<redacted>, previousPepper=" + ((this.previousPepper != null) ? "<redacted>"
                : "<unset>") + "]";
    }
}

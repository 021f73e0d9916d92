package io.saaskit.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API-key settings, bound from {@code saaskit.api-keys.*} and bridged into the core's
 * {@link io.saaskit.core.apikey.ApiKeySettings}.
 *
 * <p>Startup fails when the pepper is missing or shorter than 32 characters in production, or shorter than 16
 * characters elsewhere. Neither value ever appears in a log line or an error message.
 *
 * @param pepper Secret key of the keyed hash (HMAC-SHA-256) under which API keys are stored: at least 32 characters
 * in production, where it is required. Unset outside production means a fixed, publicly known development value,
 * with a warning. Changing it without keeping the old value as previous-pepper invalidates every key.
 * @param previousPepper The pepper being rotated out. A lookup that misses under the current pepper is retried
 * under this one, and a hit is re-hashed under the current pepper. Remove it once no key uses it any more.
 */
@ConfigurationProperties("saaskit.api-keys")
public record SaasApiKeyProperties(@Nullable String pepper, @Nullable String previousPepper) {

    @Override
    public String toString() {
        return "SaasApiKeyProperties[pepper=" + redacted(this.pepper) + ", previousPepper="
                + redacted(this.previousPepper) + "]";
    }

    private static String redacted(@Nullable String value) {
        return (value != null) ? "<redacted>" : "<unset>";
    }
}

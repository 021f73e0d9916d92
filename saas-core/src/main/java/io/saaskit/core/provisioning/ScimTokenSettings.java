package io.saaskit.core.provisioning;

import java.util.Objects;

import io.saaskit.core.apikey.ApiKeySettings;

import org.jspecify.annotations.Nullable;

/**
 * How SCIM clients authenticate.
 *
 * @param hashing the API-key pepper(s) under which per-organization tokens are hashed
 * @param sharedToken the shared bearer token ({@code SCIM_BEARER_TOKEN}) that, with {@code X-Org-Id}, provisions
 *                    any organization; {@code null} when not configured
 */
public record ScimTokenSettings(ApiKeySettings hashing, @Nullable String sharedToken) {

    public ScimTokenSettings {
        Objects.requireNonNull(hashing, "hashing");
        if (sharedToken != null && sharedToken.isBlank()) {
            sharedToken = null;
        }
    }

    @Override
    public String toString() {
        return "ScimTokenSettings[hashing=" + this.hashing + ", sharedToken="
                + ((this.sharedToken != null) ? "<redacted>" : "<unset>") + "]";
    }
}

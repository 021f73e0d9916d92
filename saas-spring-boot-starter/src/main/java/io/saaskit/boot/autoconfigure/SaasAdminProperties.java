package io.saaskit.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator API (auth A), bound from {@code saaskit.admin.*}.
 *
 * @param token Bearer token of the operator endpoints (INTERNAL_ADMIN_TOKEN). Unset means those endpoints answer
 * 403.
 */
@ConfigurationProperties("saaskit.admin")
public record SaasAdminProperties(@Nullable String token) {

    @Override
    public String toString() {
        return "SaasAdminProperties[token=" + ((this.token != null) ? "***" : null) + "]";
    }
}

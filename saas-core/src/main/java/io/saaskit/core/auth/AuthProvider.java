package io.saaskit.core.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * How users authenticate. Only {@code local} (email and password) works; {@code oidc} and {@code saml} are
 * reserved names so a deployment can declare its intent, and make local auth answer 400 until they exist.
 */
public enum AuthProvider {

    LOCAL, OIDC, SAML;

    /**
     * Parses a configured value, case-insensitively.
     * @param value the value
     * @return the provider, or empty when unknown
     */
    public static Optional<AuthProvider> parse(String value) {
        for (AuthProvider provider : values()) {
            if (provider.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /**
     * The provider as configured: lower case.
     * @return the value
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

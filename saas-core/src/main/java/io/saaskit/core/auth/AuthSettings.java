package io.saaskit.core.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Settings of the sign-up and sign-in flows.
 *
 * @param provider the auth provider; only {@link AuthProvider#LOCAL} accepts logins
 * @param disposableEmailDomains email domains refused at registration
 */
public record AuthSettings(AuthProvider provider, Set<String> disposableEmailDomains) {

    public AuthSettings {
        Objects.requireNonNull(provider, "provider");
        disposableEmailDomains = Set.copyOf(disposableEmailDomains);
    }
}

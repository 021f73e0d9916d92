package io.saaskit.boot.autoconfigure;

import java.util.Set;

import io.saaskit.boot.password.PasswordAlgorithm;
import io.saaskit.core.auth.AuthProvider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-up and sign-in settings, bound from {@code saaskit.auth.*} and bridged into the core's
 * {@link io.saaskit.core.auth.AuthSettings} and the password hasher.
 *
 * @param provider Auth provider. Only LOCAL (email and password) works; OIDC and SAML are reserved and make
 * register, login and invitation accept answer 400.
 * @param disposableEmailDomains Email domains refused at registration.
 * @param passwordAlgorithm Algorithm of new password hashes. Hashes of both algorithms are always verified, and
 * outdated ones are re-hashed after a successful login.
 */
@ConfigurationProperties("saaskit.auth")
public record SaasAuthProperties(@DefaultValue("local") AuthProvider provider,
        @DefaultValue({ "mailinator.com", "10minutemail.com", "guerrillamail.com", "tempmail.com",
                "yopmail.com" }) Set<String> disposableEmailDomains,
        @DefaultValue("argon2id") PasswordAlgorithm passwordAlgorithm) {
}

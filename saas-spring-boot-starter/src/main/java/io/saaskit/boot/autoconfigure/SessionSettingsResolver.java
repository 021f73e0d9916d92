package io.saaskit.boot.autoconfigure;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import io.saaskit.core.identity.SessionSettings;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code saaskit.session.*} properties into the core's {@link SessionSettings}, refusing settings that
 * would be unsafe: a short secret, no secret in production, a {@code SameSite=None} cookie without
 * {@code Secure}.
 *
 * <p>Failures are {@link InvalidSaasPropertyException}s, reported at startup with the property name, the reason and
 * what to change. The secret itself never appears in an exception or a log line.
 */
final class SessionSettingsResolver {

    /** Shortest secret accepted outside production. */
    static final int MIN_SECRET_LENGTH = 16;

    /** Shortest secret accepted in production. */
    static final int MIN_PRODUCTION_SECRET_LENGTH = 32;

    static final String SECRET_PROPERTY = "saaskit.session.secret";

    static final String SAME_SITE_PROPERTY = "saaskit.session.cookie.same-site";

    private static final int RANDOM_SECRET_BYTES = 32;

    private static final Set<String> SAME_SITE_VALUES = Set.of("lax", "strict", "none");

    private static final Logger logger = LoggerFactory.getLogger(SessionSettingsResolver.class);

    private SessionSettingsResolver() {
    }

    /**
     * Builds the session settings, generating a per-boot secret outside production when none is configured.
     * @param production whether production rules apply
     * @param properties the bound properties
     * @return the settings
     * @throws InvalidSaasPropertyException when the secret is missing in production or too short
     */
    static SessionSettings resolve(boolean production, SaasSessionProperties properties) {
        requirePositive("saaskit.session.ttl", "SESSION_TTL_DAYS", !properties.ttl().isNegative()
                && !properties.ttl().isZero());
        requirePositive("saaskit.session.idle-timeout", "SESSION_IDLE_TIMEOUT_HOURS",
                !properties.idleTimeout().isNegative() && !properties.idleTimeout().isZero());
        requirePositive("saaskit.session.max-per-user", "SESSION_MAX_PER_USER", properties.maxPerUser() >= 1);
        return new SessionSettings(properties.ttl(), properties.idleTimeout(), properties.sliding(),
                properties.maxPerUser(), secret(production, properties.secret()));
    }

    private static void requirePositive(String property, String variable, boolean positive) {
        if (!positive) {
            throw new InvalidSaasPropertyException(property, "The value must be positive.",
                    "Set " + variable + " (or " + property + ") to a positive value.");
        }
    }

    private static String secret(boolean production, @Nullable String configured) {
        if (configured == null || configured.isBlank()) {
            if (production) {
                throw new InvalidSaasPropertyException(SECRET_PROPERTY, "A session secret is required in production.",
                        secretAction(MIN_PRODUCTION_SECRET_LENGTH));
            }
            logger.warn("No session secret is configured (SESSION_SECRET or {}): using a random secret for this run "
                    + "only. Sessions will not survive a restart and are not shared between instances; configure a "
                    + "secret of at least {} characters.", SECRET_PROPERTY, MIN_PRODUCTION_SECRET_LENGTH);
            return randomSecret();
        }
        int minimum = production ? MIN_PRODUCTION_SECRET_LENGTH : MIN_SECRET_LENGTH;
        if (configured.length() < minimum) {
            throw new InvalidSaasPropertyException(SECRET_PROPERTY, "The session secret must be at least " + minimum
                    + " characters" + (production ? " in production." : "."), secretAction(minimum));
        }
        return configured;
    }

    private static String secretAction(int minimum) {
        return "Set SESSION_SECRET (or " + SECRET_PROPERTY + ") to a random value of at least " + minimum
                + " characters, for example the output of 'openssl rand -base64 48'.";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[RANDOM_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Refuses cookie attributes that browsers would reject or that would weaken the session cookie.
     * @param production whether production rules apply (Secure defaults to true there)
     * @param cookie the bound cookie attributes
     * @throws InvalidSaasPropertyException when SameSite is unknown, or None without Secure
     */
    static void checkCookie(boolean production, SaasSessionProperties.Cookie cookie) {
        String sameSite = cookie.sameSite().trim().toLowerCase(Locale.ROOT);
        if (!SAME_SITE_VALUES.contains(sameSite)) {
            throw new InvalidSaasPropertyException(SAME_SITE_PROPERTY, "SameSite must be Lax, Strict or None.",
                    "Set " + SAME_SITE_PROPERTY + " (COOKIE_SAME_SITE) to Lax, Strict or None.");
        }
        if (sameSite.equals("none") && !cookie.isSecure(production)) {
            throw new InvalidSaasPropertyException(SAME_SITE_PROPERTY,
                    "SameSite=None requires a Secure cookie, and the cookie is not Secure.",
                    "Set saaskit.session.cookie.secure=true (COOKIE_SECURE=true), or choose SameSite Lax or Strict.");
        }
    }
}

package io.saaskit.boot.autoconfigure;

import io.saaskit.core.apikey.ApiKeySettings;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@code saaskit.api-keys.*} properties into the core's {@link ApiKeySettings}, refusing an unsafe pepper.
 *
 * <p>Unlike the session secret, a missing pepper outside production is replaced by a fixed development value rather
 * than a random one: keys created on a developer's machine must survive a restart, and every instance of a local
 * multi-instance setup must hash alike. Failures are {@link InvalidSaasPropertyException}s naming the property; the
 * pepper itself never appears in an exception or a log line.
 */
final class ApiKeySettingsResolver {

    static final String PEPPER_PROPERTY = "saaskit.api-keys.pepper";

    static final String PREVIOUS_PEPPER_PROPERTY = "saaskit.api-keys.previous-pepper";

    /** Shortest pepper accepted in production. */
    static final int MIN_PRODUCTION_PEPPER_LENGTH = 32;

    /** The pepper used outside production when none is configured. It is public, so it protects nothing. */
    static final String DEVELOPMENT_PEPPER = "saaskit-development-api-key-pepper-do-not-use-in-production";

    private static final Logger logger = LoggerFactory.getLogger(ApiKeySettingsResolver.class);

    private ApiKeySettingsResolver() {
    }

    /**
     * Builds the settings.
     * @param production whether production rules apply
     * @param properties the bound properties
     * @return the settings
     * @throws InvalidSaasPropertyException when the pepper is missing in production or too short
     */
    static ApiKeySettings resolve(boolean production, SaasApiKeyProperties properties) {
        String pepper = pepper(production, properties.pepper());
        String previous = blankToNull(properties.previousPepper());
        if (previous != null && previous.length() < ApiKeySettings.MIN_PEPPER_LENGTH) {
            throw new InvalidSaasPropertyException(PREVIOUS_PEPPER_PROPERTY, "The previous API key pepper must be at "
                    + "least " + ApiKeySettings.MIN_PEPPER_LENGTH + " characters.",
                    "Set API_KEY_PEPPER_PREVIOUS (or " + PREVIOUS_PEPPER_PROPERTY + ") to the pepper the keys were "
                            + "created with, or unset it.");
        }
        return new ApiKeySettings(pepper, previous);
    }

    private static String pepper(boolean production, @Nullable String configured) {
        String pepper = blankToNull(configured);
        if (pepper == null) {
            if (production) {
                throw new InvalidSaasPropertyException(PEPPER_PROPERTY, "An API key pepper is required in production.",
                        pepperAction(MIN_PRODUCTION_PEPPER_LENGTH));
            }
            logger.warn("No API key pepper is configured (API_KEY_PEPPER or {}): using the fixed development pepper, "
                    + "which is public. Configure a secret pepper of at least {} characters before storing real "
                    + "keys.", PEPPER_PROPERTY, MIN_PRODUCTION_PEPPER_LENGTH);
            return DEVELOPMENT_PEPPER;
        }
        int minimum = production ? MIN_PRODUCTION_PEPPER_LENGTH : ApiKeySettings.MIN_PEPPER_LENGTH;
        if (pepper.length() < minimum) {
            throw new InvalidSaasPropertyException(PEPPER_PROPERTY, "The API key pepper must be at least " + minimum
                    + " characters" + (production ? " in production." : "."), pepperAction(minimum));
        }
        return pepper;
    }

    private static String pepperAction(int minimum) {
        return "Set API_KEY_PEPPER (or " + PEPPER_PROPERTY + ") to a random value of at least " + minimum
                + " characters, for example the output of 'openssl rand -base64 48'.";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return (value == null || value.isBlank()) ? null : value;
    }
}

package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-key request limit of API-key routes (scope {@code api_key}).
 *
 * @param limit requests per key per window; zero or less disables the scope
 * @param window the window length; zero or less means 60 seconds
 */
public record ApiKeyRateLimitSettings(long limit, Duration window) {

    public ApiKeyRateLimitSettings {
        Objects.requireNonNull(window, "window");
    }
}

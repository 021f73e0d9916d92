package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits on authentication attempts.
 *
 * @param registerPerIp registrations per client address per window
 * @param loginPerIp login attempts per client address per window
 * @param loginPerIdentifier login attempts per email per window
 * @param window the window shared by the three scopes
 */
public record AuthRateLimitSettings(long registerPerIp, long loginPerIp, long loginPerIdentifier, Duration window) {

    public AuthRateLimitSettings {
        Objects.requireNonNull(window, "window");
    }
}

package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One rate-limit scope: how many hits a fixed window admits. A limit of zero or less disables the scope; a
 * window of zero or less becomes 60 seconds, as in the original product.
 *
 * @param scope the scope name, for example {@code auth_login_ip}
 * @param limit hits admitted per window; {@code <= 0} disables the scope
 * @param window the window length
 */
public record RateLimitRule(String scope, long limit, Duration window) {

    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    public RateLimitRule {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            window = DEFAULT_WINDOW;
        }
    }

    /**
     * Whether the scope limits anything.
     * @return false when the limit is zero or less
     */
    public boolean enabled() {
        return this.limit > 0;
    }

    /**
     * The same scope with its limit capped ({@code min(limit, cap)}), as demo mode does; a disabled scope stays
     * disabled.
     * @param cap the highest limit allowed
     * @return the capped rule
     */
    public RateLimitRule capped(long cap) {
        return new RateLimitRule(this.scope, Math.min(this.limit, cap), this.window);
    }
}

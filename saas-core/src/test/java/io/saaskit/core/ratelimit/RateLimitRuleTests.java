package io.saaskit.core.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitRuleTests {

    @Test
    void positiveLimitEnablesTheScope() {
        assertThat(new RateLimitRule("s", 1, Duration.ofSeconds(60)).enabled()).isTrue();
    }

    @Test
    void zeroOrNegativeLimitDisablesTheScope() {
        assertThat(new RateLimitRule("s", 0, Duration.ofSeconds(60)).enabled()).isFalse();
        assertThat(new RateLimitRule("s", -5, Duration.ofSeconds(60)).enabled()).isFalse();
    }

    @Test
    void zeroOrNegativeWindowBecomesSixtySeconds() {
        assertThat(new RateLimitRule("s", 5, Duration.ZERO).window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(new RateLimitRule("s", 5, Duration.ofSeconds(-1)).window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void positiveWindowIsKept() {
        assertThat(new RateLimitRule("s", 5, Duration.ofSeconds(15)).window()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void cappingLowersAHigherLimitOnly() {
        RateLimitRule rule = new RateLimitRule("auth_login_ip", 10, Duration.ofSeconds(30));

        assertThat(rule.capped(5)).isEqualTo(new RateLimitRule("auth_login_ip", 5, Duration.ofSeconds(30)));
        assertThat(rule.capped(50)).isEqualTo(rule);
    }

    @Test
    void cappingADisabledScopeKeepsItDisabled() {
        RateLimitRule disabled = new RateLimitRule("auth_register_ip", 0, Duration.ofSeconds(60));

        assertThat(disabled.capped(3)).isEqualTo(disabled);
        assertThat(disabled.capped(3).enabled()).isFalse();
    }
}

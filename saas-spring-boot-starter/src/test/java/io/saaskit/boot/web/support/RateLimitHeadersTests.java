package io.saaskit.boot.web.support;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitHeadersTests {

    private final RateLimitRule ip = new RateLimitRule("auth_login_ip", 10, Duration.ofSeconds(60));

    private final RateLimitRule identifier = new RateLimitRule("auth_login_identifier", 5, Duration.ofSeconds(60));

    @Test
    void oneEntryPerScopeInCheckOrder() {
        HttpHeaders headers = RateLimitHeaders.of(List.of(
                new RateLimitDecision.Allowed(this.ip, 9, Duration.ofMillis(59_001)),
                new RateLimitDecision.Limited(this.identifier, Duration.ofSeconds(12))));

        assertThat(headers.getFirst("RateLimit-Policy"))
                .isEqualTo("\"auth_login_ip\";q=10;w=60, \"auth_login_identifier\";q=5;w=60");
        assertThat(headers.getFirst("RateLimit"))
                .isEqualTo("\"auth_login_ip\";r=9;t=60, \"auth_login_identifier\";r=0;t=12");
    }

    @Test
    void noDecisionsMeansNoHeaders() {
        assertThat(RateLimitHeaders.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void secondsAreRoundedUp() {
        assertThat(RateLimitHeaders.ceilSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(RateLimitHeaders.ceilSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(RateLimitHeaders.ceilSeconds(Duration.ZERO)).isZero();
        assertThat(RateLimitHeaders.ceilSeconds(Duration.ofSeconds(-1))).isZero();
    }
}

package io.saaskit.boot.web.support;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedRateLimitsTests {

    private final RateLimitRule apiKey = new RateLimitRule("api_key", 1000, Duration.ofSeconds(60));

    private final RateLimitRule usage = new RateLimitRule("usage", 5000, Duration.ofDays(31));

    private final MockHttpServletRequest request = new MockHttpServletRequest();

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void decisionsAddedByDifferentComponentsShareTheTwoHeaders() {
        AppliedRateLimits.add(this.request, this.response,
                List.of(new RateLimitDecision.Allowed(this.apiKey, 999, Duration.ofSeconds(60))));
        assertThat(this.response.getHeader("RateLimit-Policy")).isEqualTo("\"api_key\";q=1000;w=60");

        AppliedRateLimits.add(this.request, this.response,
                List.of(new RateLimitDecision.Allowed(this.usage, 4000, Duration.ofDays(2))));

        assertThat(this.response.getHeaders("RateLimit-Policy"))
                .containsExactly("\"api_key\";q=1000;w=60, \"usage\";q=5000;w=2678400");
        assertThat(this.response.getHeaders("RateLimit"))
                .containsExactly("\"api_key\";r=999;t=60, \"usage\";r=4000;t=172800");
        assertThat(AppliedRateLimits.of(this.request)).extracting((d) -> d.rule().scope())
                .containsExactly("api_key", "usage");
    }

    @Test
    void laterDecisionOfTheSameScopeReplacesTheEarlierInPlace() {
        AppliedRateLimits.add(this.request, this.response, List.of(
                new RateLimitDecision.Allowed(this.apiKey, 10, Duration.ofSeconds(60)),
                new RateLimitDecision.Allowed(this.usage, 5, Duration.ofSeconds(60))));

        AppliedRateLimits.add(this.request, this.response,
                List.of(new RateLimitDecision.Limited(this.apiKey, Duration.ofSeconds(30))));

        assertThat(this.response.getHeader("RateLimit")).isEqualTo("\"api_key\";r=0;t=30, \"usage\";r=5;t=60");
    }

    @Test
    void noDecisionsLeaveTheResponseAlone() {
        AppliedRateLimits.add(this.request, this.response, List.of());

        assertThat(this.response.getHeaderNames()).isEmpty();
        assertThat(AppliedRateLimits.of(this.request)).isEmpty();
    }
}

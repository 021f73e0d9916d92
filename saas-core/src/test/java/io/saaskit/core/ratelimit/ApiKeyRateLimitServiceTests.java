package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiKeyRateLimitServiceTests {

    private final MutableClock clock = new MutableClock();

    private final InProcessRateLimiter limiter = new InProcessRateLimiter(this.clock);

    private final ApiKeyId key = new ApiKeyId(Ids.next(this.clock));

    private final OrgId org = new OrgId(Ids.next(this.clock));

    @Test
    void requestsBeyondTheLimitAreRefusedWithTheDocumentedDetail() {
        ApiKeyRateLimitService service = new ApiKeyRateLimitService(this.limiter,
                new ApiKeyRateLimitSettings(2, Duration.ofSeconds(30)));

        List<RateLimitDecision> first = service.check(this.key, this.org);
        service.check(this.key, this.org);
        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> service.check(this.key, this.org));

        assertThat(first).singleElement().isInstanceOfSatisfying(RateLimitDecision.Allowed.class, (allowed) -> {
            assertThat(allowed.remaining()).isEqualTo(1);
            assertThat(allowed.rule()).isEqualTo(new RateLimitRule("api_key", 2, Duration.ofSeconds(30)));
        });
        assertThat(refused.getMessage()).isEqualTo("API key rate limit exceeded");
        assertThat(refused.decision().rule().scope()).isEqualTo("api_key");
        assertThat(refused.decisions()).containsExactly(refused.decision());
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
    }

    @Test
    void eachKeyHasItsOwnBucketKeyedOnKeyAndOrganization() {
        RecordingRateLimiter recording = new RecordingRateLimiter(this.limiter);
        ApiKeyRateLimitService service = new ApiKeyRateLimitService(recording,
                new ApiKeyRateLimitSettings(1, Duration.ofSeconds(60)));
        ApiKeyId other = new ApiKeyId(Ids.next(this.clock));

        service.check(this.key, this.org);
        service.check(other, this.org);

        assertThat(recording.keys).containsExactly(RateLimitKey.of("api_key", this.key.toString(),
                this.org.toString()), RateLimitKey.of("api_key", other.toString(), this.org.toString()));
    }

    @Test
    void limitOfZeroDisablesTheScopeAndZeroWindowMeansSixtySeconds() {
        RecordingRateLimiter recording = new RecordingRateLimiter(this.limiter);
        ApiKeyRateLimitService disabled = new ApiKeyRateLimitService(recording,
                new ApiKeyRateLimitSettings(0, Duration.ofSeconds(60)));

        for (int i = 0; i < 5; i++) {
            assertThat(disabled.check(this.key, this.org)).isEmpty();
        }
        assertThat(recording.keys).isEmpty();
        assertThat(new ApiKeyRateLimitService(this.limiter, new ApiKeyRateLimitSettings(5, Duration.ZERO)).rule()
                .window()).isEqualTo(Duration.ofSeconds(60));
    }
}

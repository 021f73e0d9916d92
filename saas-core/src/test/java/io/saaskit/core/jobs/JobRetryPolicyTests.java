package io.saaskit.core.jobs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JobRetryPolicyTests {

    private final JobRetryPolicy policy = JobRetryPolicy.defaults();

    @Test
    void theDelayDoublesFromTenSecondsUpToOneHour() {
        assertThat(this.policy.delayAfter(1, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(this.policy.delayAfter(2, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(this.policy.delayAfter(5, 0)).isEqualTo(Duration.ofSeconds(160));
        assertThat(this.policy.delayAfter(10, 0)).isEqualTo(Duration.ofHours(1));
        assertThat(this.policy.delayAfter(500, 0)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterMovesTheDelayByAtMostTwentyPercent() {
        assertThat(this.policy.delayAfter(1, -1)).isEqualTo(Duration.ofSeconds(8));
        assertThat(this.policy.delayAfter(1, 1)).isEqualTo(Duration.ofSeconds(12));
        assertThat(this.policy.delayAfter(1, 7)).isEqualTo(Duration.ofSeconds(12));
        for (int i = 0; i < 100; i++) {
            assertThat(this.policy.delayAfter(3)).isBetween(Duration.ofSeconds(32), Duration.ofSeconds(48));
        }
    }

    @Test
    void attemptsAreRetriedUntilTheLastOne() {
        assertThat(this.policy.retries(7)).isTrue();
        assertThat(this.policy.retries(8)).isFalse();
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JobRetryPolicy(0, Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new JobRetryPolicy(3, Duration.ZERO,
                Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new JobRetryPolicy(3, Duration.ofSeconds(2),
                Duration.ofSeconds(1)));
    }
}

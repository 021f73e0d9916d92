package io.saaskit.core.ratelimit;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AuthRateLimitServiceTests {

    private static final String IP = "203.0.113.50";

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();

    private final RecordingRateLimiter limiter = new RecordingRateLimiter(new InProcessRateLimiter(this.clock));

    private final AuthRateLimitService service =
            new AuthRateLimitService(this.limiter, new AuthRateLimitSettings(2, 3, 2, WINDOW));

    @Test
    void registrationsBeyondTheLimitAreRefusedWithTheRegistrationMessage() {
        this.service.checkRegister(IP);
        this.service.checkRegister(IP);

        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> this.service.checkRegister(IP));

        assertThat(refused.getMessage()).isEqualTo("Too many registration attempts. Please try again later.");
        assertThat(refused.code()).isEqualTo("RATE_LIMIT");
        assertThat(refused.decision().rule().scope()).isEqualTo("auth_register_ip");
        assertThat(refused.decision().rule().limit()).isEqualTo(2);
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void allowedRegistrationReportsItsDecision() {
        List<RateLimitDecision> decisions = this.service.checkRegister(IP);

        assertThat(decisions).singleElement().satisfies((decision) -> {
            assertThat(decision).isInstanceOf(RateLimitDecision.Allowed.class);
            assertThat(((RateLimitDecision.Allowed) decision).remaining()).isEqualTo(1);
            assertThat(decision.rule().scope()).isEqualTo(AuthRateLimitService.REGISTER_IP);
        });
        assertThat(this.limiter.keys).containsExactly(RateLimitKey.of("auth_register_ip", IP));
    }

    @Test
    void loginChecksTheAddressFirstThenTheIdentifier() {
        List<RateLimitDecision> decisions = this.service.checkLogin(IP, "user@example.com");

        assertThat(decisions).extracting((d) -> d.rule().scope())
                .containsExactly("auth_login_ip", "auth_login_identifier");
        assertThat(this.limiter.keys).containsExactly(RateLimitKey.of("auth_login_ip", IP),
                RateLimitKey.of("auth_login_identifier", "user@example.com"));
    }

    @Test
    void whenTheAddressRefusesTheIdentifierIsNotCounted() {
        for (int i = 0; i < 3; i++) {
            this.service.checkLogin(IP, "other-" + i + "@example.com");
        }
        this.limiter.keys.clear();

        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> this.service.checkLogin(IP, "victim@example.com"));

        assertThat(refused.decision().rule().scope()).isEqualTo("auth_login_ip");
        assertThat(refused.decisions()).hasSize(1);
        assertThat(this.limiter.keys).containsExactly(RateLimitKey.of("auth_login_ip", IP));
        // The victim's identifier budget is untouched: two attempts from another address still pass.
        this.service.checkLogin("198.51.100.1", "victim@example.com");
        this.service.checkLogin("198.51.100.2", "victim@example.com");
    }

    @Test
    void identifierLimitRefusesAcrossAddressesWithTheLoginMessage() {
        this.service.checkLogin("198.51.100.1", "user@example.com");
        this.service.checkLogin("198.51.100.2", "user@example.com");

        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> this.service.checkLogin("198.51.100.3", "user@example.com"));

        assertThat(refused.getMessage()).isEqualTo("Too many login attempts. Please try again later.");
        assertThat(refused.decision().rule().scope()).isEqualTo("auth_login_identifier");
        assertThat(refused.decisions()).extracting((d) -> d.rule().scope())
                .containsExactly("auth_login_ip", "auth_login_identifier");
        assertThat(refused.decisions().get(0)).isInstanceOf(RateLimitDecision.Allowed.class);
    }

    @Test
    void identifierIsTrimmedAndLowercased() {
        this.service.checkLogin("198.51.100.1", "  User@Example.COM ");
        this.service.checkLogin("198.51.100.2", "user@example.com");

        assertThatExceptionOfType(RateLimitExceededException.class)
                .isThrownBy(() -> this.service.checkLogin("198.51.100.3", "USER@EXAMPLE.COM"));
        assertThat(this.limiter.keys).contains(RateLimitKey.of("auth_login_identifier", "user@example.com"));
    }

    @Test
    void overlongIdentifierIsCutTo254Characters() {
        String longIdentifier = "a".repeat(300) + "@example.com";

        this.service.checkLogin(IP, longIdentifier);

        assertThat(this.limiter.keys)
                .contains(RateLimitKey.of("auth_login_identifier", longIdentifier.substring(0, 254)));
    }

    @Test
    void missingIdentifierCountsAsUnknown() {
        this.service.checkLogin("198.51.100.1", null);
        this.service.checkLogin("198.51.100.2", "unknown");

        assertThat(this.limiter.keys).filteredOn((k) -> k.startsWith("auth_login_identifier:"))
                .containsOnly(RateLimitKey.of("auth_login_identifier", "unknown"));
        assertThatExceptionOfType(RateLimitExceededException.class)
                .isThrownBy(() -> this.service.checkLogin("198.51.100.3", null));
    }

    @Test
    void loginIpAloneSkipsTheIdentifier() {
        List<RateLimitDecision> decisions = this.service.checkLoginIp(IP);

        assertThat(decisions).extracting((d) -> d.rule().scope()).containsExactly("auth_login_ip");
        assertThat(this.limiter.keys).containsExactly(RateLimitKey.of("auth_login_ip", IP));
    }

    @Test
    void loginIpAloneSharesTheLoginAddressBudget() {
        this.service.checkLogin(IP, "a@example.com");
        this.service.checkLoginIp(IP);
        this.service.checkLoginIp(IP);

        assertThatExceptionOfType(RateLimitExceededException.class).isThrownBy(() -> this.service.checkLoginIp(IP));
    }

    @Test
    void passwordChangesShareTheLoginIdentifierBudgetOfTheUsersEmail() {
        this.service.checkLogin(IP, " User@Example.com");

        List<RateLimitDecision> decisions = this.service.checkPasswordChange(new EmailAddress("user@example.com"));

        assertThat(decisions).extracting((d) -> d.rule().scope()).containsExactly("auth_login_identifier");
        assertThat(this.limiter.keys).last().isEqualTo(RateLimitKey.of("auth_login_identifier", "user@example.com"));
        RateLimitExceededException refused = catchThrowableOfType(RateLimitExceededException.class,
                () -> this.service.checkPasswordChange(new EmailAddress("user@example.com")));
        assertThat(refused.getMessage()).isEqualTo("Too many login attempts. Please try again later.");
        assertThat(refused.decision().rule().scope()).isEqualTo("auth_login_identifier");
    }

    @Test
    void disabledScopesAreNeitherCountedNorReported() {
        AuthRateLimitService disabled = new AuthRateLimitService(this.limiter,
                new AuthRateLimitSettings(0, 0, -1, WINDOW));

        for (int i = 0; i < 20; i++) {
            assertThat(disabled.checkRegister(IP)).isEmpty();
            assertThat(disabled.checkLogin(IP, "user@example.com")).isEmpty();
            assertThat(disabled.checkPasswordChange(new EmailAddress("user@example.com"))).isEmpty();
        }
        assertThat(this.limiter.keys).isEmpty();
    }

    @Test
    void onlyTheDisabledScopeIsSkipped() {
        AuthRateLimitService ipOnly = new AuthRateLimitService(this.limiter,
                new AuthRateLimitSettings(5, 5, 0, WINDOW));

        assertThat(ipOnly.checkLogin(IP, "user@example.com")).extracting((d) -> d.rule().scope())
                .containsExactly("auth_login_ip");
    }

    @Test
    void limitsResetAfterTheWindow() {
        this.service.checkRegister(IP);
        this.service.checkRegister(IP);
        assertThatExceptionOfType(RateLimitExceededException.class).isThrownBy(() -> this.service.checkRegister(IP));

        this.clock.advance(WINDOW);

        assertThat(this.service.checkRegister(IP)).singleElement().isInstanceOf(RateLimitDecision.Allowed.class);
    }

    @Test
    void retryAfterRoundsUpToWholeSecondsAndIsAtLeastOne() {
        RateLimitRule rule = new RateLimitRule("s", 1, WINDOW);

        assertThat(exceeded(rule, Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
        assertThat(exceeded(rule, Duration.ofSeconds(7)).retryAfterSeconds()).isEqualTo(7);
        assertThat(exceeded(rule, Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
        assertThat(exceeded(rule, Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
    }

    private static RateLimitExceededException exceeded(RateLimitRule rule, Duration resetAfter) {
        RateLimitDecision.Limited limited = new RateLimitDecision.Limited(rule, resetAfter);
        return new RateLimitExceededException("limited", limited, List.of(limited));
    }
}

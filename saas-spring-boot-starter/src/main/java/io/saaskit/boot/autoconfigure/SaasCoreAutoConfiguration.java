package io.saaskit.boot.autoconfigure;

import java.time.Clock;

import io.saaskit.boot.password.SpringSecurityPasswordHasher;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.auth.AuthSettings;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.identity.SessionSettings;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.MembershipSettings;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.ratelimit.AuthRateLimitService;
import io.saaskit.core.ratelimit.AuthRateLimitSettings;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the core services (sessions, memberships, sign-up and sign-in, auth rate limits) and of
 * the ports saaskit can implement without infrastructure: the clock, the password hasher and the in-process rate
 * limiter.
 *
 * <p>The persistence ports ({@link TransactionRunner}, {@link UserRepository}, {@link SessionRepository},
 * {@link OrganizationRepository}, {@link MembershipRepository}) come from an adapter auto-configuration, which runs
 * first, or from the application. When one is missing, startup fails with a message naming the jar to add or the
 * bean to define. Every bean here backs off when the application defines one of the same type.
 */
@AutoConfiguration
@EnableConfigurationProperties({ SaasProperties.class, SaasAuthProperties.class, SaasSessionProperties.class,
        SaasRateLimitProperties.class })
public final class SaasCoreAutoConfiguration {

    /** Highest registrations per address per window in demo mode. */
    private static final long DEMO_REGISTER_IP_CAP = 3;

    /** Highest login attempts per address per window in demo mode. */
    private static final long DEMO_LOGIN_IP_CAP = 5;

    /** Highest login attempts per email per window in demo mode. */
    private static final long DEMO_LOGIN_IDENTIFIER_CAP = 3;

    SaasCoreAutoConfiguration(SaasProperties saas, SaasSessionProperties session) {
        // Cookie attributes are checked here rather than where the cookie is written, so that a bad combination
        // stops startup even when the application replaces the session beans.
        SessionSettingsResolver.checkCookie(saas.isProduction(), session.cookie());
    }

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock saasClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean(PasswordHasher.class)
    SpringSecurityPasswordHasher saasPasswordHasher(SaasAuthProperties auth) {
        return new SpringSecurityPasswordHasher(auth.passwordAlgorithm());
    }

    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    InProcessRateLimiter saasRateLimiter(Clock clock, SaasRateLimitProperties rateLimit, Environment environment,
            ResourceLoader resources) {
        // The Redis and PostgreSQL auto-configurations ran first; getting here with store=redis or postgres means the
        // requested store is missing, which fails startup with a message saying what to add.
        RateLimitStoreSelection.inProcessChosen(rateLimit.store(), environment, resources.getClassLoader());
        return new InProcessRateLimiter(clock);
    }

    @Bean
    @ConditionalOnMissingBean(SessionSettings.class)
    SessionSettings saasSessionSettings(SaasProperties saas, SaasSessionProperties session) {
        return SessionSettingsResolver.resolve(saas.isProduction(), session);
    }

    @Bean
    @ConditionalOnMissingBean(SessionService.class)
    SessionService saasSessionService(SessionRepository sessions, TransactionRunner transactions, Clock clock,
            SessionSettings settings) {
        return new SessionService(sessions, transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(OrganizationDefaults.class)
    OrganizationDefaults saasOrganizationDefaults() {
        return new OrganizationDefaults("free", 1000L);
    }

    @Bean
    @ConditionalOnMissingBean(MembershipService.class)
    MembershipService saasMembershipService(MembershipRepository memberships, OrganizationRepository organizations,
            UserRepository users, AuditSink audit, TransactionRunner transactions, Clock clock,
            OrganizationDefaults defaults, SaasProperties saas) {
        return new MembershipService(memberships, organizations, users, audit, transactions, clock,
                new MembershipSettings(defaults, saas.demoMode()));
    }

    @Bean
    @ConditionalOnMissingBean(AuthSettings.class)
    AuthSettings saasAuthSettings(SaasAuthProperties auth) {
        return new AuthSettings(auth.provider(), auth.disposableEmailDomains());
    }

    @Bean
    @ConditionalOnMissingBean(AuthService.class)
    AuthService saasAuthService(UserRepository users, PasswordHasher hasher, SessionService sessions,
            MembershipService memberships, AuditSink audit, TransactionRunner transactions, Clock clock,
            AuthSettings settings) {
        return new AuthService(users, hasher, sessions, memberships, audit, transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(AuthRateLimitSettings.class)
    AuthRateLimitSettings saasAuthRateLimitSettings(SaasProperties saas, SaasRateLimitProperties rateLimit) {
        SaasRateLimitProperties.Auth auth = rateLimit.auth();
        long registerIp = auth.registerIp();
        long loginIp = auth.loginIp();
        long loginIdentifier = auth.loginIdentifier();
        if (saas.demoMode()) {
            registerIp = cap(AuthRateLimitService.REGISTER_IP, registerIp, auth, DEMO_REGISTER_IP_CAP);
            loginIp = cap(AuthRateLimitService.LOGIN_IP, loginIp, auth, DEMO_LOGIN_IP_CAP);
            loginIdentifier = cap(AuthRateLimitService.LOGIN_IDENTIFIER, loginIdentifier, auth,
                    DEMO_LOGIN_IDENTIFIER_CAP);
        }
        return new AuthRateLimitSettings(registerIp, loginIp, loginIdentifier, auth.window());
    }

    private static long cap(String scope, long limit, SaasRateLimitProperties.Auth auth, long cap) {
        return new RateLimitRule(scope, limit, auth.window()).capped(cap).limit();
    }

    @Bean
    @ConditionalOnMissingBean(AuthRateLimitService.class)
    AuthRateLimitService saasAuthRateLimitService(RateLimiter limiter, AuthRateLimitSettings settings) {
        return new AuthRateLimitService(limiter, settings);
    }
}

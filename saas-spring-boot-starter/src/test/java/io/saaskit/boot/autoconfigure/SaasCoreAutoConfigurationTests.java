package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.saaskit.boot.password.PasswordAlgorithm;
import io.saaskit.boot.password.SpringSecurityPasswordHasher;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.auth.AuthProvider;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.auth.AuthSettings;
import io.saaskit.core.auth.Credentials;
import io.saaskit.core.auth.Registration;
import io.saaskit.core.auth.SignedIn;
import io.saaskit.core.identity.SessionCheck;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.identity.SessionSettings;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.MembershipSettings;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.ratelimit.AuthRateLimitService;
import io.saaskit.core.ratelimit.AuthRateLimitSettings;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class SaasCoreAutoConfigurationTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class));

    /** The core auto-configuration with every persistence port provided in memory and a secret set. */
    private ApplicationContextRunner withPorts() {
        return withPortsExcept(null).withPropertyValues("saaskit.session.secret=" + SECRET);
    }

    private ApplicationContextRunner withPortsExcept(Class<?> missing) {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
        ApplicationContextRunner result = this.runner;
        if (missing != TransactionRunner.class) {
            result = result.withBean(TransactionRunner.class, InMemoryTransactionRunner::new);
        }
        if (missing != UserRepository.class) {
            result = result.withBean(UserRepository.class, () -> users);
        }
        if (missing != SessionRepository.class) {
            result = result.withBean(SessionRepository.class, InMemorySessionRepository::new);
        }
        if (missing != OrganizationRepository.class) {
            result = result.withBean(OrganizationRepository.class, () -> organizations);
        }
        if (missing != MembershipRepository.class) {
            result = result.withBean(MembershipRepository.class,
                    () -> new InMemoryMembershipRepository(users, organizations));
        }
        if (missing != AuditSink.class) {
            result = result.withBean(AuditSink.class, InMemoryAuditSink::new);
        }
        return result;
    }

    @Test
    void defaultConfigurationCreatesEveryCoreBean() {
        withPorts().run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(Clock.class).hasBean("saasClock");
            assertThat(context).hasSingleBean(PasswordHasher.class).hasBean("saasPasswordHasher");
            assertThat(context).hasSingleBean(RateLimiter.class).hasBean("saasRateLimiter");
            assertThat(context).hasSingleBean(SessionSettings.class).hasBean("saasSessionSettings");
            assertThat(context).hasSingleBean(SessionService.class).hasBean("saasSessionService");
            assertThat(context).hasSingleBean(OrganizationDefaults.class).hasBean("saasOrganizationDefaults");
            assertThat(context).hasSingleBean(MembershipService.class).hasBean("saasMembershipService");
            assertThat(context).hasSingleBean(AuthSettings.class).hasBean("saasAuthSettings");
            assertThat(context).hasSingleBean(AuthService.class).hasBean("saasAuthService");
            assertThat(context).hasSingleBean(AuthRateLimitSettings.class).hasBean("saasAuthRateLimitSettings");
            assertThat(context).hasSingleBean(AuthRateLimitService.class).hasBean("saasAuthRateLimitService");
            assertThat(context.getBean(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(context.getBean(PasswordHasher.class)).isInstanceOf(SpringSecurityPasswordHasher.class);
            assertThat(context.getBean(SpringSecurityPasswordHasher.class).algorithm())
                    .isEqualTo(PasswordAlgorithm.ARGON2ID);
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
            assertThat(context.getBean(OrganizationDefaults.class))
                    .isEqualTo(new OrganizationDefaults("free", 1000L));
        });
    }

    @Test
    void defaultPropertiesMatchTheSpecification() {
        withPorts().run((context) -> {
            SessionSettings session = context.getBean(SessionSettings.class);
            assertThat(session.ttl()).isEqualTo(Duration.ofDays(7));
            assertThat(session.idleTimeout()).isEqualTo(Duration.ofHours(24));
            assertThat(session.sliding()).isTrue();
            assertThat(session.maxPerUser()).isEqualTo(10);
            assertThat(session.secret()).isEqualTo(SECRET);
            assertThat(context.getBean(AuthSettings.class)).isEqualTo(new AuthSettings(AuthProvider.LOCAL,
                    Set.of("mailinator.com", "10minutemail.com", "guerrillamail.com", "tempmail.com", "yopmail.com")));
            assertThat(context.getBean(AuthRateLimitSettings.class))
                    .isEqualTo(new AuthRateLimitSettings(5, 10, 5, Duration.ofSeconds(60)));
            SaasProperties saas = context.getBean(SaasProperties.class);
            assertThat(saas.environment()).isEqualTo(SaasProperties.Environment.DEVELOPMENT);
            assertThat(saas.isProduction()).isFalse();
            assertThat(saas.demoMode()).isFalse();
            assertThat(saas.apiBaseUrl()).hasToString("http://localhost:4000");
            assertThat(saas.webBaseUrl()).hasToString("http://localhost:3000");
            SaasSessionProperties.Cookie cookie = context.getBean(SaasSessionProperties.class).cookie();
            assertThat(cookie.domain()).isNull();
            assertThat(cookie.secure()).isNull();
            assertThat(cookie.isSecure(false)).isFalse();
            assertThat(cookie.isSecure(true)).isTrue();
            assertThat(cookie.sameSite()).isEqualTo("Lax");
            assertThat(context.getBean(SaasRateLimitProperties.class).store())
                    .isEqualTo(SaasRateLimitProperties.Store.AUTO);
        });
    }

    @Test
    void theWiredServicesRegisterAndSignInAUser() {
        withPorts().withBean(PasswordHasher.class, FastPasswordHasher::new).run((context) -> {
            AuthService auth = context.getBean(AuthService.class);
            RequestContext client = new RequestContext(null, new ClientInfo("203.0.113.7", "tests"));

            SignedIn registered = auth.register(new Registration("Owner@Example.com ", "Str0ng-Password!", "Acme"),
                    client, null);
            SignedIn loggedIn = auth.login(new Credentials("owner@example.com", "Str0ng-Password!"), client, null);

            assertThat(loggedIn.userId()).isEqualTo(registered.userId());
            assertThat(loggedIn.orgId()).isEqualTo(registered.orgId());
            assertThat(context.getBean(SessionService.class).check(loggedIn.session().token()))
                    .isInstanceOf(SessionCheck.Active.class);
        });
    }

    static Stream<Arguments> replaceableBeans() {
        SessionSettings sessionSettings = new SessionSettings(Duration.ofHours(1), Duration.ofMinutes(5), false, 1,
                "user-defined-secret-of-enough-length");
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
        InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();
        InMemoryAuditSink audit = new InMemoryAuditSink();
        SessionService sessions = new SessionService(new InMemorySessionRepository(), transactions, FIXED_CLOCK,
                sessionSettings);
        MembershipService memberships = new MembershipService(
                new InMemoryMembershipRepository(users, organizations), organizations, users, audit, transactions,
                FIXED_CLOCK, new MembershipSettings(new OrganizationDefaults("trial", null), false));
        AuthSettings authSettings = new AuthSettings(AuthProvider.LOCAL, Set.of());
        AuthRateLimitSettings rateLimitSettings = new AuthRateLimitSettings(1, 1, 1, Duration.ofSeconds(1));
        return Stream.of(
                replaceable(Clock.class, () -> FIXED_CLOCK),
                replaceable(PasswordHasher.class, FastPasswordHasher::new),
                replaceable(RateLimiter.class, () -> new InProcessRateLimiter(FIXED_CLOCK)),
                replaceable(SessionSettings.class, () -> sessionSettings),
                replaceable(SessionService.class, () -> sessions),
                replaceable(OrganizationDefaults.class, () -> new OrganizationDefaults("trial", null)),
                replaceable(MembershipService.class, () -> memberships),
                replaceable(AuthSettings.class, () -> authSettings),
                replaceable(AuthService.class, () -> new AuthService(users, new FastPasswordHasher(), sessions,
                        memberships, audit, transactions, FIXED_CLOCK, authSettings)),
                replaceable(AuthRateLimitSettings.class, () -> rateLimitSettings),
                replaceable(AuthRateLimitService.class,
                        () -> new AuthRateLimitService(new InProcessRateLimiter(FIXED_CLOCK), rateLimitSettings)));
    }

    private static <T> Arguments replaceable(Class<T> type, Supplier<T> supplier) {
        return Arguments.of(type, supplier);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replaceableBeans")
    <T> void aBeanOfTheApplicationReplacesOurs(Class<T> type, Supplier<T> supplier) {
        withPorts().withBean("userDefined", type, supplier).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBeans(type).containsOnlyKeys("userDefined");
        });
    }

    @Test
    void servicesUseTheApplicationsClock() {
        withPorts().withBean(Clock.class, () -> FIXED_CLOCK).withBean(PasswordHasher.class, FastPasswordHasher::new)
                .run((context) -> {
                    SignedIn registered = context.getBean(AuthService.class).register(
                            new Registration("clock@example.com", "Str0ng-Password!", "Clockwork"),
                            RequestContext.NONE, null);
                    assertThat(registered.session().session().createdAt()).isEqualTo(FIXED_CLOCK.instant());
                });
    }

    static Stream<Class<?>> requiredPorts() {
        return Stream.of(TransactionRunner.class, UserRepository.class, SessionRepository.class,
                OrganizationRepository.class, MembershipRepository.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredPorts")
    void startupFailsWithAnExplanationWhenARequiredPortIsMissing(Class<?> port) {
        withPortsExcept(port).withPropertyValues("saaskit.session.secret=" + SECRET).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .startsWith("saaskit needs a bean of type '" + port.getName() + "' (required by bean 'saas")
                    .endsWith(", but the application defines none.");
            assertThat(analysis.getAction())
                    .isEqualTo("io.saaskit:saas-adapters-jdbc is on the class path but found no single DataSource "
                            + "bean. Add a DataSource (for example org.springframework.boot:spring-boot-starter-jdbc "
                            + "with spring.datasource.url set), or define a bean of type '" + port.getName() + "'.");
        });
    }

    @Test
    void theFailureAnalysisIsReportedWhenAnApplicationStarts(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(CoreOnlyApplication.class)
                .web(WebApplicationType.NONE);

        assertThatException().isThrownBy(() -> application.run("--saaskit.session.secret=" + SECRET));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("saaskit needs a bean of type 'io.saaskit.core.")
                .contains("io.saaskit:saas-adapters-jdbc");
    }

    @Test
    void otherMissingBeansAreLeftToSpringBoot() {
        this.runner.withBean(String.class, () -> {
            throw new NoSuchBeanDefinitionException(Integer.class);
        }).run((context) -> assertThat(analyze(context)).isNull());
    }

    @Test
    void propertiesBindDurationsListsEnumsAndDataSizes() {
        withPorts().withUserConfiguration(OtherProperties.class)
                .withPropertyValues("saaskit.environment=test", "saaskit.api-base-url=https://api.example.com",
                        "saaskit.web-base-url=https://app.example.com", "saaskit.auth.provider=oidc",
                        "saaskit.auth.disposable-email-domains=spam.example,junk.example",
                        "saaskit.auth.password-algorithm=bcrypt", "saaskit.session.ttl=30d",
                        "saaskit.session.idle-timeout=90m", "saaskit.session.sliding=false",
                        "saaskit.session.max-per-user=3", "saaskit.session.cookie.domain=example.com",
                        "saaskit.session.cookie.secure=true", "saaskit.session.cookie.same-site=Strict",
                        "saaskit.rate-limit.store=memory", "saaskit.rate-limit.auth.window=2m",
                        "saaskit.rate-limit.auth.login-ip=20", "saaskit.rate-limit.auth.login-identifier=0",
                        "saaskit.rate-limit.auth.register-ip=7", "saaskit.http.trusted-proxies=10.0.0.0/8,::1/128",
                        "saaskit.http.max-body-size=2MB", "saaskit.http.problem-type-base=urn:example:",
                        "saaskit.http.auth.enabled=false", "saaskit.jdbc.enabled=false",
                        "saaskit.jdbc.migrate-on-start=false", "saaskit.jdbc.row-level-security=false")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    SaasProperties saas = context.getBean(SaasProperties.class);
                    assertThat(saas.environment()).isEqualTo(SaasProperties.Environment.TEST);
                    assertThat(saas.apiBaseUrl()).hasToString("https://api.example.com");
                    assertThat(saas.webBaseUrl()).hasToString("https://app.example.com");
                    assertThat(context.getBean(AuthSettings.class)).isEqualTo(
                            new AuthSettings(AuthProvider.OIDC, Set.of("spam.example", "junk.example")));
                    assertThat(context.getBean(SpringSecurityPasswordHasher.class).algorithm())
                            .isEqualTo(PasswordAlgorithm.BCRYPT);
                    SessionSettings session = context.getBean(SessionSettings.class);
                    assertThat(session.ttl()).isEqualTo(Duration.ofDays(30));
                    assertThat(session.idleTimeout()).isEqualTo(Duration.ofMinutes(90));
                    assertThat(session.sliding()).isFalse();
                    assertThat(session.maxPerUser()).isEqualTo(3);
                    SaasSessionProperties.Cookie cookie = context.getBean(SaasSessionProperties.class).cookie();
                    assertThat(cookie.domain()).isEqualTo("example.com");
                    assertThat(cookie.secure()).isTrue();
                    assertThat(cookie.sameSite()).isEqualTo("Strict");
                    assertThat(context.getBean(SaasRateLimitProperties.class).store())
                            .isEqualTo(SaasRateLimitProperties.Store.MEMORY);
                    assertThat(context.getBean(AuthRateLimitSettings.class))
                            .isEqualTo(new AuthRateLimitSettings(7, 20, 0, Duration.ofMinutes(2)));
                    SaasHttpProperties http = context.getBean(SaasHttpProperties.class);
                    assertThat(http.trustedProxies()).containsExactly("10.0.0.0/8", "::1/128");
                    assertThat(http.maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
                    assertThat(http.problemTypeBase()).isEqualTo("urn:example:");
                    assertThat(http.auth().enabled()).isFalse();
                    assertThat(http.org().enabled()).isTrue();
                    assertThat(http.health().enabled()).isTrue();
                    assertThat(context.getBean(SaasJdbcProperties.class))
                            .isEqualTo(new SaasJdbcProperties(false, false, false));
                });
    }

    @Test
    void httpAndJdbcPropertiesHaveTheirDefaults() {
        withPorts().withUserConfiguration(OtherProperties.class).run((context) -> {
            SaasHttpProperties http = context.getBean(SaasHttpProperties.class);
            assertThat(http.trustedProxies()).isEmpty();
            assertThat(http.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(http.problemTypeBase()).isEqualTo("urn:saaskit:problem:");
            assertThat(http.auth().enabled()).isTrue();
            assertThat(context.getBean(SaasJdbcProperties.class)).isEqualTo(new SaasJdbcProperties(true, true, true));
        });
    }

    @Test
    void invalidValuesFailStartupInsteadOfFallingBackToDefaults() {
        for (String invalid : List.of("saaskit.session.ttl=a week", "saaskit.session.sliding=maybe",
                "saaskit.rate-limit.auth.login-ip=ten", "saaskit.environment=staging",
                "saaskit.auth.password-algorithm=md5")) {
            withPorts().withPropertyValues(invalid).run((context) -> assertThat(context).as(invalid).hasFailed());
        }
    }

    @Test
    void productionWithoutASessionSecretFailsStartup() {
        withPortsExcept(null).withPropertyValues("saaskit.environment=production").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getProperty()).isEqualTo("saaskit.session.secret");
            assertThat(failure).hasMessage("Invalid saaskit.session.secret: A session secret is required in "
                    + "production.");
            assertThat(failure.getAction()).isEqualTo("Set SESSION_SECRET (or saaskit.session.secret) to a random "
                    + "value of at least 32 characters, for example the output of 'openssl rand -base64 48'.");
        });
    }

    @Test
    void aSecretShorterThanThirtyTwoCharactersFailsStartupInProduction() {
        String secret = "twenty-characters-xx";
        withPortsExcept(null).withPropertyValues("saaskit.environment=production", "saaskit.session.secret=" + secret)
                .run((context) -> {
                    InvalidSaasPropertyException failure = invalidProperty(context);
                    assertThat(failure.getProperty()).isEqualTo("saaskit.session.secret");
                    assertThat(failure.getReason())
                            .isEqualTo("The session secret must be at least 32 characters in production.");
                    assertThat(failure).hasMessageNotContaining(secret);
                });
    }

    @Test
    void aRefusedSecretIsReportedByNameButNeverPrinted(CapturedOutput output) {
        String secret = "short-but-secret-value";
        SpringApplicationBuilder application = new SpringApplicationBuilder(CoreOnlyApplication.class)
                .web(WebApplicationType.NONE);

        assertThatException().isThrownBy(
                () -> application.run("--saaskit.environment=production", "--saaskit.session.secret=" + secret));

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value for 'saaskit.session.secret': The session secret must be at least 32 "
                        + "characters in production.")
                .contains("Set SESSION_SECRET (or saaskit.session.secret) to a random value of at least 32 characters")
                .doesNotContain(secret);
    }

    @Test
    void aSecretShorterThanSixteenCharactersFailsStartupOutsideProduction() {
        String secret = "fifteen-chars-x";
        withPortsExcept(null).withPropertyValues("saaskit.session.secret=" + secret).run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getReason()).isEqualTo("The session secret must be at least 16 characters.");
            assertThat(failure).hasMessageNotContaining(secret);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "saaskit.session.max-per-user=0", "saaskit.session.max-per-user=-1",
            "saaskit.session.ttl=0s", "saaskit.session.idle-timeout=-1h" })
    void nonPositiveSessionLimitsFailStartupNamingTheProperty(String setting) {
        withPortsExcept(null).withPropertyValues(setting).run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getProperty()).isEqualTo(setting.substring(0, setting.indexOf('=')));
            assertThat(failure.getReason()).isEqualTo("The value must be positive.");
        });
    }

    @Test
    void aSixteenCharacterSecretIsAcceptedOutsideProduction() {
        withPortsExcept(null).withPropertyValues("saaskit.session.secret=sixteen-chars-xx").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(SessionSettings.class).secret()).isEqualTo("sixteen-chars-xx");
        });
    }

    @Test
    void withoutASecretOutsideProductionEachBootGetsARandomSecretAndAWarning(CapturedOutput output) {
        String[] secrets = new String[2];
        withPortsExcept(null).run((context) -> secrets[0] = context.getBean(SessionSettings.class).secret());
        withPortsExcept(null).run((context) -> secrets[1] = context.getBean(SessionSettings.class).secret());

        assertThat(secrets[0]).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(secrets[1]);
        assertThat(output).contains("No session secret is configured (SESSION_SECRET or saaskit.session.secret): "
                + "using a random secret for this run only. Sessions will not survive a restart")
                .doesNotContain(secrets[0]).doesNotContain(secrets[1]);
    }

    @Test
    void sameSiteNoneWithoutSecureFailsStartup() {
        withPorts().withPropertyValues("saaskit.session.cookie.same-site=None").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getProperty()).isEqualTo("saaskit.session.cookie.same-site");
            assertThat(failure.getReason())
                    .isEqualTo("SameSite=None requires a Secure cookie, and the cookie is not Secure.");
            assertThat(failure.getAction()).isEqualTo("Set saaskit.session.cookie.secure=true (COOKIE_SECURE=true), "
                    + "or choose SameSite Lax or Strict.");
        });
        withPorts().withPropertyValues("saaskit.environment=production", "saaskit.session.cookie.same-site=None",
                "saaskit.session.cookie.secure=false").run((context) -> assertThat(invalidProperty(context)).isNotNull());
    }

    @Test
    void sameSiteNoneIsAcceptedWithSecure() {
        withPorts().withPropertyValues("saaskit.session.cookie.same-site=None", "saaskit.session.cookie.secure=true")
                .run((context) -> assertThat(context).hasNotFailed());
        // Secure defaults to true in production.
        withPorts().withPropertyValues("saaskit.environment=production", "saaskit.session.cookie.same-site=none")
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void anUnknownSameSiteValueFailsStartup() {
        withPorts().withPropertyValues("saaskit.session.cookie.same-site=Sometimes").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getReason()).isEqualTo("SameSite must be Lax, Strict or None.");
        });
    }

    @Test
    void demoModeCapsTheAuthRateLimits() {
        withPorts().withPropertyValues("saaskit.demo-mode=true", "saaskit.rate-limit.auth.register-ip=50",
                "saaskit.rate-limit.auth.login-ip=50", "saaskit.rate-limit.auth.login-identifier=50")
                .run((context) -> assertThat(context.getBean(AuthRateLimitSettings.class))
                        .isEqualTo(new AuthRateLimitSettings(3, 5, 3, Duration.ofSeconds(60))));
    }

    @Test
    void demoModeKeepsLimitsThatAreAlreadyLower() {
        withPorts().withPropertyValues("saaskit.demo-mode=true", "saaskit.rate-limit.auth.register-ip=2",
                "saaskit.rate-limit.auth.login-ip=4", "saaskit.rate-limit.auth.login-identifier=1")
                .run((context) -> assertThat(context.getBean(AuthRateLimitSettings.class))
                        .isEqualTo(new AuthRateLimitSettings(2, 4, 1, Duration.ofSeconds(60))));
    }

    @Test
    void demoModeDefaultsAreThreeFiveThree() {
        withPorts().withPropertyValues("saaskit.demo-mode=true")
                .run((context) -> assertThat(context.getBean(AuthRateLimitSettings.class))
                        .isEqualTo(new AuthRateLimitSettings(3, 5, 3, Duration.ofSeconds(60))));
    }

    private static InvalidSaasPropertyException invalidProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidSaasPropertyException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidSaasPropertyException in %s", context.getStartupFailure())
                .isInstanceOf(InvalidSaasPropertyException.class);
        return (InvalidSaasPropertyException) failure;
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        return analyze(context, SaasCoreAutoConfigurationTests.class.getClassLoader(), new MockEnvironment());
    }

    /**
     * Analyzes a context's startup failure as Spring Boot would.
     * @param context the failed context
     * @param classLoader the class loader the application ran with
     * @param environment the application's environment
     * @return the analysis, or null when the analyzer does not claim the failure
     */
    static FailureAnalysis analyze(AssertableApplicationContext context, ClassLoader classLoader,
            MockEnvironment environment) {
        assertThat(context).hasFailed();
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.setBeanClassLoader(classLoader);
        return new MissingPortFailureAnalyzer(beanFactory, environment).analyze(context.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(SaasCoreAutoConfiguration.class)
    static class CoreOnlyApplication {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ SaasHttpProperties.class, SaasJdbcProperties.class })
    static class OtherProperties {
    }
}

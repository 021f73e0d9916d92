package io.saaskit.boot.autoconfigure;

import java.util.Comparator;
import java.util.List;

import io.saaskit.boot.web.auth.AuthController;
import io.saaskit.boot.web.auth.SessionAuthenticator;
import io.saaskit.boot.web.auth.SessionCookie;
import io.saaskit.boot.web.health.HealthController;
import io.saaskit.boot.web.health.ReadinessChecks;
import io.saaskit.boot.web.health.ReadinessController;
import io.saaskit.boot.web.org.MembersController;
import io.saaskit.boot.web.org.OrgController;
import io.saaskit.boot.web.support.AccessLogFilter;
import io.saaskit.boot.web.support.BodySizeLimitFilter;
import io.saaskit.boot.web.support.CorsFilter;
import io.saaskit.boot.web.support.OriginCheckFilter;
import io.saaskit.boot.web.support.ProblemErrorController;
import io.saaskit.boot.web.support.ProblemResponseFilter;
import io.saaskit.boot.web.support.RequestIdFilter;
import io.saaskit.boot.web.support.SaasWebMvcConfigurer;
import io.saaskit.boot.web.support.SecurityHeadersFilter;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SaasWebAutoConfiguration} with {@link WebApplicationContextRunner}: what it registers in a servlet web
 * application, the endpoint group switches, the filter order, and when it stays out of the way.
 */
class SaasWebAutoConfigurationTests {

    private static final String SECRET = "saaskit.session.secret=0123456789abcdef0123456789abcdef";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class, SaasWebAutoConfiguration.class))
            .withUserConfiguration(InMemoryPorts.class)
            .withPropertyValues(SECRET);

    @Test
    void aServletApplicationGetsFiltersControllersAndProblemHandling() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SaasWebMvcConfigurer.class);
            assertThat(context).hasSingleBean(ProblemErrorController.class);
            assertThat(context).hasSingleBean(SessionAuthenticator.class);
            assertThat(context).hasSingleBean(SessionCookie.class);
            assertThat(context).hasSingleBean(AuthController.class);
            assertThat(context).hasSingleBean(OrgController.class);
            assertThat(context).hasSingleBean(MembersController.class);
            assertThat(context).hasSingleBean(HealthController.class);
            assertThat(context).hasSingleBean(ReadinessController.class);
            assertThat(context).hasSingleBean(ReadinessChecks.class);
        });
    }

    @Test
    void theFiltersRunInTheDocumentedOrder() {
        this.runner.run((context) -> {
            List<String> order = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                    .map((registration) -> (FilterRegistrationBean<?>) registration)
                    .sorted(Comparator.comparingInt(FilterRegistrationBean::getOrder))
                    .map((registration) -> registration.getFilter().getClass().getSimpleName())
                    .toList();

            assertThat(order).containsExactly(RequestIdFilter.class.getSimpleName(),
                    SecurityHeadersFilter.class.getSimpleName(), AccessLogFilter.class.getSimpleName(),
                    ProblemResponseFilter.class.getSimpleName(), CorsFilter.class.getSimpleName(),
                    OriginCheckFilter.class.getSimpleName(), BodySizeLimitFilter.class.getSimpleName());
        });
    }

    @Test
    void eachEndpointGroupCanBeSwitchedOff() {
        this.runner.withPropertyValues("saaskit.http.auth.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(AuthController.class);
            assertThat(context).hasSingleBean(OrgController.class);
        });
        this.runner.withPropertyValues("saaskit.http.org.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(OrgController.class);
            assertThat(context).doesNotHaveBean(MembersController.class);
            assertThat(context).hasSingleBean(AuthController.class);
        });
        this.runner.withPropertyValues("saaskit.http.health.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(HealthController.class);
            assertThat(context).doesNotHaveBean(ReadinessController.class);
            assertThat(context).hasSingleBean(AuthController.class);
        });
    }

    @Test
    void anApplicationErrorControllerReplacesTheProblemErrorController() {
        this.runner.withBean("customErrorController", ErrorController.class, () -> new ErrorController() {
        }).run((context) -> {
            assertThat(context).hasSingleBean(ErrorController.class);
            assertThat(context).doesNotHaveBean(ProblemErrorController.class);
        });
    }

    @Test
    void aNonWebApplicationGetsNothing() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(SaasCoreAutoConfiguration.class, SaasWebAutoConfiguration.class))
                .withUserConfiguration(InMemoryPorts.class)
                .withPropertyValues(SECRET)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasWebMvcConfigurer.class);
                    assertThat(context).doesNotHaveBean(AuthController.class);
                    assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
                });
    }

    @Test
    void withoutSpringMvcItBacksOff() {
        this.runner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class)).run((context) -> {
            assertThat(context).doesNotHaveBean(SaasWebMvcConfigurer.class);
            assertThat(context).doesNotHaveBean(HealthController.class);
        });
    }

    @Test
    void aMalformedTrustedProxyFailsStartup() {
        this.runner.withPropertyValues("saaskit.http.trusted-proxies=10.0.0.0/99").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("10.0.0.0/99");
        });
    }

    @Test
    void theCookieFollowsTheEnvironmentAndProperties() {
        this.runner.run((context) -> assertThat(context.getBean(SessionCookie.class).secure()).isFalse());
        this.runner.withPropertyValues("saaskit.environment=production", "saaskit.session.cookie.domain=example.com")
                .run((context) -> {
                    SessionCookie cookie = context.getBean(SessionCookie.class);
                    assertThat(cookie.secure()).isTrue();
                    assertThat(cookie.issue("t")).contains("Domain=example.com").contains("Secure");
                });
    }

    /** In-memory implementations of the persistence ports. */
    @Configuration(proxyBeanMethods = false)
    static class InMemoryPorts {

        @Bean
        PasswordHasher passwordHasher() {
            return new FastPasswordHasher();
        }

        @Bean
        TransactionRunner transactionRunner() {
            return new InMemoryTransactionRunner();
        }

        @Bean
        InMemoryUserRepository userRepository() {
            return new InMemoryUserRepository();
        }

        @Bean
        SessionRepository sessionRepository() {
            return new InMemorySessionRepository();
        }

        @Bean
        InMemoryOrganizationRepository organizationRepository() {
            return new InMemoryOrganizationRepository();
        }

        @Bean
        MembershipRepository membershipRepository(UserRepository users, OrganizationRepository organizations) {
            return new InMemoryMembershipRepository(users, organizations);
        }

        @Bean
        InMemoryAuditSink auditSink() {
            return new InMemoryAuditSink();
        }
    }
}

package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.util.Set;

import io.saaskit.boot.web.scim.ScimCallerArgumentResolver;
import io.saaskit.boot.web.scim.ScimDiscoveryController;
import io.saaskit.boot.web.scim.ScimRequestFilter;
import io.saaskit.boot.web.scim.ScimTokensController;
import io.saaskit.boot.web.scim.ScimUsersController;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryApiKeyRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryDirectoryRepository;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryScimTokenRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.provisioning.ProvisioningService;
import io.saaskit.core.provisioning.ProvisioningSettings;
import io.saaskit.core.provisioning.ScimTokenService;
import io.saaskit.core.provisioning.ScimTokenSettings;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.FastPasswordHasher;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SaasScimAutoConfiguration} and {@link SaasScimWebAutoConfiguration}: the services and their settings, the
 * properties, back-off, the refused owner default role, a missing port, and the {@code scim} endpoint group switch.
 */
class SaasScimAutoConfigurationTests {

    private static final String SECRET = "saaskit.session.secret=0123456789abcdef0123456789abcdef";

    private static final String TOKEN = "shared-scim-token-0123456789abcdef";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                    SaasApiKeyAutoConfiguration.class, SaasScimAutoConfiguration.class))
            .withUserConfiguration(InMemoryPorts.class)
            .withPropertyValues(SECRET);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class, SaasWebAutoConfiguration.class,
                    SaasApiKeyAutoConfiguration.class, SaasScimAutoConfiguration.class,
                    SaasScimWebAutoConfiguration.class))
            .withUserConfiguration(InMemoryPorts.class)
            .withPropertyValues(SECRET);

    @Test
    void defaultConfigurationCreatesBothServices() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ProvisioningService.class);
            assertThat(context).hasSingleBean(ScimTokenService.class);
            assertThat(context.getBean(ProvisioningSettings.class).defaultRole()).isEqualTo(Role.MEMBER);
            assertThat(context.getBean(ProvisioningSettings.class).demoMode()).isFalse();
            assertThat(context.getBean(ScimTokenSettings.class).sharedToken()).isNull();
        });
    }

    @Test
    void propertiesAreBoundAndTheTokenNeverPrinted() {
        this.runner.withPropertyValues("saaskit.scim.bearer-token=" + TOKEN, "saaskit.scim.default-role=billing",
                "saaskit.demo-mode=true").run((context) -> {
                    assertThat(context.getBean(ScimTokenSettings.class).sharedToken()).isEqualTo(TOKEN);
                    assertThat(context.getBean(ProvisioningSettings.class).defaultRole()).isEqualTo(Role.BILLING);
                    assertThat(context.getBean(ProvisioningSettings.class).demoMode()).isTrue();
                    assertThat(context.getBean(SaasScimProperties.class).toString()).doesNotContain(TOKEN);
                    assertThat(context.getBean(ScimTokenSettings.class).toString()).doesNotContain(TOKEN);
                });
    }

    @Test
    void ownerAsDefaultRoleFailsStartupNamingTheProperty() {
        this.runner.withPropertyValues("saaskit.scim.default-role=OWNER").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessageContaining("saaskit.scim.default-role");
        });
    }

    @Test
    void eachBeanBacksOffForTheApplicationsOwn() {
        ProvisioningSettings settings = new ProvisioningSettings(Role.READONLY, false, Set.of());
        this.runner.withBean(ProvisioningSettings.class, () -> settings).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ProvisioningSettings.class)).isSameAs(settings);
        });
    }

    @Test
    void aMissingDirectoryFailsStartupNamingThePort() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                        SaasApiKeyAutoConfiguration.class, SaasScimAutoConfiguration.class))
                .withUserConfiguration(PortsWithoutDirectory.class).withPropertyValues(SECRET)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasMessageContaining(DirectoryRepository.class.getName());
                });
    }

    @Test
    void theScimGroupRegistersItsControllersAndFilterAndCanBeSwitchedOff() {
        this.web.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ScimUsersController.class);
            assertThat(context).hasSingleBean(ScimDiscoveryController.class);
            assertThat(context).hasSingleBean(ScimTokensController.class);
            assertThat(context).hasSingleBean(ScimCallerArgumentResolver.class);
            FilterRegistrationBean<?> filter = context.getBean("saasScimRequestFilter", FilterRegistrationBean.class);
            assertThat(filter.getFilter()).isInstanceOf(ScimRequestFilter.class);
            assertThat(filter.getOrder()).isLessThan(SaasWebAutoConfiguration.FILTER_ORDER);
        });
        this.web.withPropertyValues("saaskit.http.scim.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ScimUsersController.class);
            assertThat(context).doesNotHaveBean(ScimTokensController.class);
            assertThat(context).doesNotHaveBean(ScimRequestFilter.class);
            assertThat(context).hasSingleBean(ProvisioningService.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class PortsWithoutDirectory {

        @Bean
        Clock clock() {
            return new MutableClock();
        }

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
        InMemoryMembershipRepository membershipRepository(UserRepository users,
                OrganizationRepository organizations) {
            return new InMemoryMembershipRepository(users, organizations);
        }

        @Bean
        ApiKeyRepository apiKeyRepository() {
            return new InMemoryApiKeyRepository();
        }

        @Bean
        AuditSink auditSink() {
            return new InMemoryAuditSink();
        }

        @Bean
        ScimTokenRepository scimTokenRepository() {
            return new InMemoryScimTokenRepository();
        }

        @Bean
        WriteGate writeGate(Clock clock) {
            return new InMemoryWriteGate(clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InMemoryPorts extends PortsWithoutDirectory {

        @Bean
        DirectoryRepository directoryRepository(InMemoryMembershipRepository memberships, UserRepository users) {
            return new InMemoryDirectoryRepository(memberships, users);
        }
    }
}

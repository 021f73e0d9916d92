package io.saaskit.boot.autoconfigure;

import java.time.Clock;

import io.saaskit.core.apikey.ApiKeySettings;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.auth.AuthSettings;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.provisioning.ProvisioningService;
import io.saaskit.core.provisioning.ProvisioningSettings;
import io.saaskit.core.provisioning.ScimTokenService;
import io.saaskit.core.provisioning.ScimTokenSettings;
import io.saaskit.core.provisioning.port.DirectoryRepository;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of SCIM provisioning: the {@link ProvisioningService} and the {@link ScimTokenService}.
 *
 * <p>The persistence ports ({@link DirectoryRepository}, {@link ScimTokenRepository} and the membership, user,
 * session, organization and audit ports) come from an adapter auto-configuration, which runs first, or from the
 * application; when one is missing, startup fails with a message naming the jar to add or the bean to define. SCIM
 * tokens are hashed under the API-key pepper, so the {@link ApiKeySettings} of the API-key auto-configuration are
 * reused. Every bean backs off when the application defines one of the same type.
 */
@AutoConfiguration(after = { SaasCoreAutoConfiguration.class, SaasApiKeyAutoConfiguration.class })
@EnableConfigurationProperties({ SaasProperties.class, SaasScimProperties.class })
public final class SaasScimAutoConfiguration {

    static final String DEFAULT_ROLE_PROPERTY = "saaskit.scim.default-role";

    @Bean
    @ConditionalOnMissingBean(ScimTokenSettings.class)
    ScimTokenSettings saasScimTokenSettings(ApiKeySettings apiKeys, SaasScimProperties scim) {
        return new ScimTokenSettings(apiKeys, scim.bearerToken());
    }

    @Bean
    @ConditionalOnMissingBean(ProvisioningSettings.class)
    ProvisioningSettings saasProvisioningSettings(SaasProperties saas, SaasScimProperties scim, AuthSettings auth) {
        if (scim.defaultRole() == Role.OWNER) {
            throw new InvalidSaasPropertyException(DEFAULT_ROLE_PROPERTY, "SCIM never grants the owner role.",
                    "Set SCIM_DEFAULT_ROLE (or " + DEFAULT_ROLE_PROPERTY + ") to ADMIN, MEMBER, BILLING or READONLY.");
        }
        return new ProvisioningSettings(scim.defaultRole(), saas.demoMode(), auth.disposableEmailDomains());
    }

    @Bean
    @ConditionalOnMissingBean(ScimTokenService.class)
    ScimTokenService saasScimTokenService(ScimTokenRepository tokens, OrganizationRepository organizations,
            AuditSink audit, TransactionRunner transactions, Clock clock, ScimTokenSettings settings) {
        return new ScimTokenService(tokens, organizations, audit, transactions, clock, settings);
    }

    @Bean
    @ConditionalOnMissingBean(ProvisioningService.class)
    ProvisioningService saasProvisioningService(DirectoryRepository directory, MembershipRepository memberships,
            UserRepository users, SessionRepository sessions, OrganizationRepository organizations, AuditSink audit,
            TransactionRunner transactions, Clock clock, ProvisioningSettings settings) {
        return new ProvisioningService(directory, memberships, users, sessions, organizations, audit, transactions,
                clock, settings);
    }
}

package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.admin.AdminTokenAuthenticator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link AdminTokenAuthenticator} of the operator API ({@code saaskit.admin.token}, INTERNAL_ADMIN_TOKEN),
 * imported by every auto-configuration that serves operator endpoints (the organization summary, the Stripe event
 * inbox), so the bean is defined in one place whichever of them is active.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SaasAdminProperties.class)
class SaasAdminTokenConfiguration {

    @Bean
    @ConditionalOnMissingBean(AdminTokenAuthenticator.class)
    AdminTokenAuthenticator saasAdminTokenAuthenticator(SaasAdminProperties admin) {
        return new AdminTokenAuthenticator(admin.token());
    }
}

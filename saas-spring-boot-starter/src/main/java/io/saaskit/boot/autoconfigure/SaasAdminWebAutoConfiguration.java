package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.admin.AdminTokenAuthenticator;
import io.saaskit.boot.web.admin.OrganizationSummaryController;
import io.saaskit.core.admin.OrganizationSummaryService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of {@code GET /admin/orgs/:orgId/summary} on Spring MVC, in the {@code admin} endpoint group
 * (switched off with {@code saaskit.http.admin.enabled=false}; the path then answers 404), authenticated with
 * {@code saaskit.admin.token} (INTERNAL_ADMIN_TOKEN).
 *
 * <p>The token check is the same {@link AdminTokenAuthenticator} bean the billing operator endpoints use, from
 * {@link SaasAdminTokenConfiguration}.
 */
@AutoConfiguration(after = { SaasAdminAutoConfiguration.class, SaasWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(OrganizationSummaryService.class)
@Import(SaasAdminTokenConfiguration.class)
public final class SaasAdminWebAutoConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.admin.enabled", matchIfMissing = true)
    OrganizationSummaryController saasOrganizationSummaryController(AdminTokenAuthenticator authenticator,
            OrganizationSummaryService summaries) {
        return new OrganizationSummaryController(authenticator, summaries);
    }
}

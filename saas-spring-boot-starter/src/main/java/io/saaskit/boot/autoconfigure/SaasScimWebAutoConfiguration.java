package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.scim.ScimCallerArgumentResolver;
import io.saaskit.boot.web.scim.ScimDiscoveryController;
import io.saaskit.boot.web.scim.ScimErrorRenderer;
import io.saaskit.boot.web.scim.ScimRequestFilter;
import io.saaskit.boot.web.scim.ScimTokensController;
import io.saaskit.boot.web.scim.ScimUsersController;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.provisioning.ProvisioningService;
import io.saaskit.core.provisioning.ScimTokenService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the SCIM HTTP layer on Spring MVC: the {@code scim} endpoint group ({@code /scim/v2/Users}
 * and the discovery endpoints, auth T) and the owners' token endpoints ({@code /org/scim-tokens}, session auth),
 * which {@code saaskit.http.scim.enabled=false} switches off (their paths then answer 404).
 *
 * <p>A filter ahead of every other saaskit filter marks {@code /scim/v2} requests, so all their failures, including
 * those raised before a controller runs, are written in the SCIM error schema instead of problem+json. The renderer
 * is also a {@code ProblemRendererSelector} bean, so errors Tomcat answers itself for {@code /scim/v2} paths are SCIM
 * errors as well.
 */
@AutoConfiguration(after = { SaasScimAutoConfiguration.class, SaasWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(ProvisioningService.class)
@ConditionalOnBooleanProperty(name = "saaskit.http.scim.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SaasProperties.class)
public final class SaasScimWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestContexts.class)
    RequestContexts saasRequestContexts(ClientInfos clients) {
        return new RequestContexts(clients);
    }

    @Bean
    ScimCallerArgumentResolver saasScimCallerArgumentResolver(ScimTokenService tokens) {
        return new ScimCallerArgumentResolver(tokens);
    }

    @Bean
    ScimErrorRenderer saasScimErrorRenderer() {
        return new ScimErrorRenderer();
    }

    @Bean
    FilterRegistrationBean<ScimRequestFilter> saasScimRequestFilter(ScimErrorRenderer renderer) {
        FilterRegistrationBean<ScimRequestFilter> registration =
                new FilterRegistrationBean<>(new ScimRequestFilter(renderer));
        registration.setOrder(SaasWebAutoConfiguration.FILTER_ORDER - 1);
        return registration;
    }

    @Bean
    ScimUsersController saasScimUsersController(ProvisioningService provisioning, JsonBodyReader bodies,
            RequestContexts contexts, SaasProperties saas) {
        return new ScimUsersController(provisioning, bodies, contexts, saas.apiBaseUrl());
    }

    @Bean
    ScimDiscoveryController saasScimDiscoveryController(SaasProperties saas) {
        return new ScimDiscoveryController(saas.apiBaseUrl());
    }

    @Bean
    ScimTokensController saasScimTokensController(ScimTokenService tokens, JsonBodyReader bodies,
            RequestContexts contexts) {
        return new ScimTokensController(tokens, bodies, contexts);
    }
}

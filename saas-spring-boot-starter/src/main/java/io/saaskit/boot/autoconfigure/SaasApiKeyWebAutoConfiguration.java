package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.web.apikey.ApiKeyAuthenticator;
import io.saaskit.boot.web.apikey.ApiKeyCallerArgumentResolver;
import io.saaskit.boot.web.apikey.ApiKeyWebMvcConfigurer;
import io.saaskit.boot.web.apikey.ApiKeysController;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.ratelimit.ApiKeyRateLimitService;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Auto-configuration of the API-key HTTP layer on Spring MVC: authentication of API-key routes (any controller
 * parameter of type {@link io.saaskit.boot.web.apikey.ApiKeyCaller}) and the {@code api-keys} endpoint group
 * ({@code GET}, {@code POST /api-keys}, {@code DELETE /api-keys/:id}), which
 * {@code saaskit.http.api-keys.enabled=false} switches off (its paths then answer 404). Switching the group off
 * leaves API-key authentication of other routes working.
 */
@AutoConfiguration(after = { SaasApiKeyAutoConfiguration.class, SaasWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBean(ApiKeyService.class)
public final class SaasApiKeyWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ApiKeyAuthenticator.class)
    ApiKeyAuthenticator saasApiKeyAuthenticator(ApiKeyService keys, ApiKeyRateLimitService limits) {
        return new ApiKeyAuthenticator(keys, limits);
    }

    @Bean
    ApiKeyWebMvcConfigurer saasApiKeyWebMvcConfigurer(ApiKeyAuthenticator authenticator) {
        return new ApiKeyWebMvcConfigurer(new ApiKeyCallerArgumentResolver(authenticator));
    }

    @Bean
    @ConditionalOnMissingBean(RequestContexts.class)
    RequestContexts saasRequestContexts(ClientInfos clients) {
        return new RequestContexts(clients);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "saaskit.http.api-keys.enabled", matchIfMissing = true)
    ApiKeysController saasApiKeysController(ApiKeyService keys, JsonBodyReader bodies, RequestContexts contexts) {
        return new ApiKeysController(keys, bodies, contexts);
    }
}

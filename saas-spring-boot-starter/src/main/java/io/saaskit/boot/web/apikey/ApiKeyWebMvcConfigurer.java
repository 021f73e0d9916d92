package io.saaskit.boot.web.apikey;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the {@link ApiKeyCallerArgumentResolver} with Spring MVC, so any controller (saaskit's or the
 * application's) can declare an {@link ApiKeyCaller} parameter.
 */
public final class ApiKeyWebMvcConfigurer implements WebMvcConfigurer {

    private final ApiKeyCallerArgumentResolver resolver;

    /**
     * Creates the configurer.
     * @param resolver the resolver to register
     */
    public ApiKeyWebMvcConfigurer(ApiKeyCallerArgumentResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this.resolver);
    }
}

package io.saaskit.boot.web.usage;

import java.util.List;

import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Plugs metering into Spring MVC: the {@link MeteringInterceptor} that settles metered requests, and the
 * {@link MeteringExceptionResolver}, placed first so a failed request's usage is given back before any resolver
 * writes the error response.
 */
public final class MeteringWebMvcConfigurer implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new MeteringInterceptor());
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, new MeteringExceptionResolver());
    }
}

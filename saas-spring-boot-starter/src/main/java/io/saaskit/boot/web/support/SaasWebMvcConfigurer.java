package io.saaskit.boot.web.support;

import java.util.List;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

/**
 * Plugs saaskit into Spring MVC: the argument resolvers that authenticate controller parameters, and the problem
 * exception resolver, placed right after the {@code @ExceptionHandler} resolver so the application's own handlers
 * keep precedence for their exceptions while Spring's defaults never render an error page.
 */
public final class SaasWebMvcConfigurer implements WebMvcConfigurer {

    private final List<HandlerMethodArgumentResolver> argumentResolvers;

    private final HandlerExceptionResolver problemResolver;

    /**
     * Creates the configurer.
     * @param argumentResolvers resolvers to add
     * @param problemResolver the problem exception resolver
     */
    public SaasWebMvcConfigurer(List<HandlerMethodArgumentResolver> argumentResolvers,
            HandlerExceptionResolver problemResolver) {
        this.argumentResolvers = List.copyOf(argumentResolvers);
        this.problemResolver = problemResolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.addAll(this.argumentResolvers);
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        int position = 0;
        for (int i = 0; i < resolvers.size(); i++) {
            if (resolvers.get(i) instanceof ExceptionHandlerExceptionResolver) {
                position = i + 1;
                break;
            }
        }
        resolvers.add(position, this.problemResolver);
    }
}

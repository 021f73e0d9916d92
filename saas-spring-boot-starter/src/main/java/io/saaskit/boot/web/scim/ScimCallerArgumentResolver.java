package io.saaskit.boot.web.scim;

import java.util.List;
import java.util.Objects;

import io.saaskit.boot.web.org.TenantResolver;
import io.saaskit.boot.web.support.BearerToken;
import io.saaskit.core.provisioning.ScimCaller;
import io.saaskit.core.provisioning.ScimTokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Supplies {@link ScimCaller} controller parameters: declaring one makes a route a SCIM route (auth T), authenticated
 * from {@code Authorization: Bearer} and {@code X-Org-Id} by the {@link ScimTokenService}. It is also the
 * {@link WebMvcConfigurer} that registers itself.
 */
public final class ScimCallerArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final ScimTokenService tokens;

    /**
     * Creates the resolver.
     * @param tokens authenticates SCIM clients
     */
    public ScimCallerArgumentResolver(ScimTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ScimCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class),
                "servlet request");
        return this.tokens.authenticate(BearerToken.of(request).orElse(null),
                request.getHeader(TenantResolver.HEADER));
    }

}

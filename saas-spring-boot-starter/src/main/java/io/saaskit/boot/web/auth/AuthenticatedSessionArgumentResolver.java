package io.saaskit.boot.web.auth;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies {@link AuthenticatedSession} controller parameters, so declaring one is what makes a route a session
 * route.
 */
public final class AuthenticatedSessionArgumentResolver implements HandlerMethodArgumentResolver {

    private final SessionAuthenticator authenticator;

    /**
     * Creates the resolver.
     * @param authenticator authenticates requests
     */
    public AuthenticatedSessionArgumentResolver(SessionAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AuthenticatedSession.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return this.authenticator.authenticate(Objects.requireNonNull(request, "servlet request"));
    }
}

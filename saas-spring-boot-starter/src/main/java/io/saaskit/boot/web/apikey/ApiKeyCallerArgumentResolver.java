package io.saaskit.boot.web.apikey;

import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies {@link ApiKeyCaller} controller parameters, so declaring one is what makes a route an API-key route.
 * Declare it first among the parameters, so the key is checked before any body is read.
 */
public final class ApiKeyCallerArgumentResolver implements HandlerMethodArgumentResolver {

    private final ApiKeyAuthenticator authenticator;

    /**
     * Creates the resolver.
     * @param authenticator authenticates requests
     */
    public ApiKeyCallerArgumentResolver(ApiKeyAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiKeyCaller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        return this.authenticator.authenticate(Objects.requireNonNull(request, "servlet request"),
                Objects.requireNonNull(response, "servlet response"));
    }
}

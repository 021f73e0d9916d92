package io.saaskit.boot.web.org;

import java.util.Objects;

import io.saaskit.core.membership.OrgAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies {@link OrgAccess} controller parameters: declaring one makes a route a session route acting on the
 * organization resolved from {@code X-Org-Id}. Permission checks stay in the core services, which take the access.
 */
public final class OrgAccessArgumentResolver implements HandlerMethodArgumentResolver {

    private final TenantResolver tenants;

    /**
     * Creates the resolver.
     * @param tenants resolves the organization
     */
    public OrgAccessArgumentResolver(TenantResolver tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == OrgAccess.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, @Nullable WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        return this.tenants.resolve(Objects.requireNonNull(request, "servlet request"));
    }
}

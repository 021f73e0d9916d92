package io.saaskit.boot.web.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The {@code Allow} header of a 405 answer: the methods a path's controller routes accept, with {@code HEAD}
 * wherever {@code GET} is (Spring MVC answers {@code HEAD} for every {@code GET} route), in a fixed order.
 *
 * <p>Spring MVC tells the methods of a route when it refuses one; the container refuses some methods (such as
 * {@code TRACE}) before any route is consulted, and then {@link #ofPath(HttpServletRequest)} looks them up.
 */
public final class AllowedMethods {

    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private AllowedMethods() {
    }

    /**
     * The header value for a set of methods.
     * @param methods the methods a route accepts
     * @return the methods, {@code HEAD} added when {@code GET} is present, comma separated
     */
    public static String header(Collection<String> methods) {
        Set<String> all = new LinkedHashSet<>(methods);
        if (all.contains("GET")) {
            all.add("HEAD");
        }
        List<String> ordered = new ArrayList<>();
        ORDER.stream().filter(all::contains).forEach(ordered::add);
        all.stream().filter((method) -> !ORDER.contains(method)).sorted().forEach(ordered::add);
        return String.join(", ", ordered);
    }

    /**
     * The methods the application's controller routes accept on the path of a request (the original path on an
     * error dispatch).
     * @param request the request
     * @return the methods, empty when no route serves the path
     */
    public static Set<String> ofPath(HttpServletRequest request) {
        Set<String> methods = new LinkedHashSet<>();
        WebApplicationContext context;
        try {
            context = RequestContextUtils.findWebApplicationContext(request);
        }
        catch (RuntimeException ex) {
            // A request the container refused before mapping it to the application has no context to ask.
            return methods;
        }
        PathContainer path = pathWithinApplication(request);
        if (context == null || path == null) {
            return methods;
        }
        for (RequestMappingInfoHandlerMapping mapping : BeanFactoryUtils
                .beansOfTypeIncludingAncestors(context, RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                if (matches(info, path)) {
                    Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
                    for (RequestMethod method : declared.isEmpty() ? Set.of(RequestMethod.values()) : declared) {
                        methods.add(method.name());
                    }
                }
            }
        }
        methods.remove("TRACE");
        return methods;
    }

    private static boolean matches(RequestMappingInfo info, PathContainer path) {
        PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
        if (patterns == null) {
            return false;
        }
        for (PathPattern pattern : patterns.getPatterns()) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable PathContainer pathWithinApplication(HttpServletRequest request) {
        String uri = RequestPath.of(request);
        String contextPath = request.getContextPath();
        String path = (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length())
                : uri;
        try {
            return PathContainer.parsePath(path);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }
}

package io.saaskit.boot.web.support;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * The path a client asked for, without the query string: the problem {@code instance} and the path in access
 * logs and "route not found" messages. On an error dispatch it is the original path, not the error page's.
 * Rules that depend on which endpoint a request reaches use {@link #routed(HttpServletRequest)} instead.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * The client's request path.
     * @param request the request
     * @return the path as sent (percent-encoded), without the query string; empty when it is not {@link #known}
     */
    public static String of(HttpServletRequest request) {
        String path = known(request);
        return (path != null) ? path : "";
    }

    /**
     * The client's request path, if the container read one: it has none when it refused the request line itself
     * (a request line over the header size limit, a character not allowed in a request target).
     * @param request the request
     * @return the path as sent (percent-encoded), without the query string, or {@code null}
     */
    public static @Nullable String known(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original instanceof String path && !path.isEmpty()) {
            return path;
        }
        String uri = request.getRequestURI();
        return (uri != null && !uri.isEmpty()) ? uri : null;
    }

    /**
     * The method the client used. On an error dispatch the container presents the request as a {@code GET} to the
     * error page; this is the original method.
     * @param request the request
     * @return the method
     */
    public static String method(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_METHOD);
        return (original instanceof String method) ? method : request.getMethod();
    }

    /**
     * The path as routing sees it, for rules that must hold for every spelling of an endpoint's path: relative to
     * the context path, each segment percent-decoded and stripped of its {@code ;parameters}, empty segments
     * ({@code //}) and a trailing slash dropped. So {@code /auth/login;x=1}, {@code /auth/%6cogin} and
     * {@code //auth/login} are all {@code /auth/login}; the result may cover spellings that no route accepts,
     * never fewer.
     * @param request the request
     * @return the normalised path, starting with {@code /}
     */
    public static String routed(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String path = (!contextPath.isEmpty() && uri.startsWith(contextPath)) ? uri.substring(contextPath.length())
                : uri;
        PathContainer parsed;
        try {
            parsed = PathContainer.parsePath(path);
        }
        catch (IllegalArgumentException ex) {
            // Invalid percent-encoding: no route can match it either.
            return path;
        }
        StringBuilder routed = new StringBuilder();
        for (PathContainer.Element element : parsed.elements()) {
            if (element instanceof PathContainer.PathSegment segment && !segment.valueToMatch().isEmpty()) {
                routed.append('/').append(segment.valueToMatch());
            }
        }
        return routed.isEmpty() ? "/" : routed.toString();
    }
}

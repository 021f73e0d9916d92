package io.saaskit.boot.web.support;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a client asked for, without the query string: the problem {@code instance} and the path in access
 * logs and "route not found" messages. On an error dispatch it is the original path, not the error page's.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /**
     * The client's request path.
     * @param request the request
     * @return the path as sent (percent-encoded), without the query string
     */
    public static String of(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original instanceof String path) {
            return path;
        }
        return request.getRequestURI();
    }
}

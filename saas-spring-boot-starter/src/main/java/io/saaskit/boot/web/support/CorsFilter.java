package io.saaskit.boot.web.support;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the web UI's origin only, with credentials: its requests get {@code Access-Control-Allow-Origin} and
 * the exposed headers, and its preflights are answered here with 204. Other origins get no CORS headers at all,
 * so browsers refuse to hand them responses; their preflights also end here (204, no CORS headers) so no handler
 * runs for them. A request with several {@code Origin} headers is treated as coming from another origin.
 */
public final class CorsFilter extends OncePerRequestFilter {

    static final String ALLOWED_METHODS = "GET, HEAD, PUT, PATCH, POST, DELETE";

    static final String ALLOWED_HEADERS =
            "Content-Type, Authorization, X-Org-Id, X-Request-Id, Idempotency-Key, If-Match, If-None-Match";

    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, ETag";

    private static final String MAX_AGE = "600";

    private final WebOrigins origins;

    /**
     * Creates the filter.
     * @param origins the trusted origins
     */
    public CorsFilter(WebOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean allowed = this.origins.isWebOrigin(origin) && isSingleOrigin(request);
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        if (isPreflight(request)) {
            if (allowed) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
                response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    private static boolean isSingleOrigin(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.ORIGIN);
        if (values == null || !values.hasMoreElements()) {
            return false;
        }
        values.nextElement();
        return !values.hasMoreElements();
    }

    private static boolean isPreflight(HttpServletRequest request) {
        return HttpMethod.OPTIONS.matches(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
    }
}

package io.saaskit.boot.web.support;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The origin rule, saaskit's CSRF defence, applied before rate limits and validation.
 *
 * <p>It covers the credential endpoints ({@code POST /auth/register}, {@code /auth/login},
 * {@code /auth/invitations/accept}) and every state-changing request (POST, PUT, PATCH, DELETE) that carries the
 * session cookie, because browsers attach cookies to cross-site requests. Such a request is refused with 403
 * "Invalid request origin" when its {@code Origin} is present and not the web or API origin ({@code null}
 * included), or when it has no {@code Origin} but {@code Sec-Fetch-Site: cross-site}. Requests without either
 * header (curl, servers) and Bearer-authenticated requests pass, since no browser sends those on its own.
 *
 * <p>The credential paths are matched as routing sees them ({@link RequestPath#routed}), so spellings such as
 * {@code /auth/login;x=1} or {@code /auth/%6cogin} that reach the same endpoint are covered too. A request with
 * more than one {@code Origin} header is refused, since it is not what a browser sends.
 */
public final class OriginCheckFilter extends OncePerRequestFilter {

    /** The detail of the refusal. */
    public static final String DETAIL = "Invalid request origin";

    private static final Logger logger = LoggerFactory.getLogger(OriginCheckFilter.class);

    private static final Set<String> UNSAFE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private static final Set<String> CREDENTIAL_PATHS =
            Set.of("/auth/register", "/auth/login", "/auth/invitations/accept");

    private final WebOrigins origins;

    private final String cookieName;

    private final ProblemWriter problems;

    /**
     * Creates the filter.
     * @param origins the allowed origins
     * @param cookieName the session cookie's name
     * @param problems writes the 403 problem
     */
    public OriginCheckFilter(WebOrigins origins, String cookieName, ProblemWriter problems) {
        this.origins = origins;
        this.cookieName = cookieName;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (applies(request) && !passes(request)) {
            logger.warn("Refused a request from a foreign origin");
            this.problems.write(request, response, Problem.of(ProblemCode.FORBIDDEN, DETAIL));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean applies(HttpServletRequest request) {
        if (!UNSAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        return (request.getMethod().equals("POST") && CREDENTIAL_PATHS.contains(RequestPath.routed(request)))
                || hasSessionCookie(request);
    }

    private boolean passes(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.ORIGIN);
        List<String> origins = (values != null) ? Collections.list(values) : List.of();
        if (origins.size() > 1) {
            return false;
        }
        if (origins.size() == 1) {
            return this.origins.isAllowed(origins.get(0));
        }
        return !"cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"));
    }

    private boolean hasSessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (this.cookieName.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }
}

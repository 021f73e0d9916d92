package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the headers every response carries: {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: strict-origin-when-cross-origin}, {@code X-Frame-Options: DENY},
 * {@code Strict-Transport-Security} when the session cookie is Secure (that is, when the site is served over
 * HTTPS), and {@code Cache-Control: no-store}, since API responses hold per-user data. They are set before the
 * request is handled, so error responses carry them too; a handler may still replace {@code Cache-Control}. The
 * filter also runs on the container's error dispatch, and {@link #writeHeaders(HttpServletResponse)} serves
 * responses the container writes before any filter runs.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean strictTransportSecurity;

    /**
     * Creates the filter.
     * @param strictTransportSecurity whether to send HSTS
     */
    public SecurityHeadersFilter(boolean strictTransportSecurity) {
        this.strictTransportSecurity = strictTransportSecurity;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        writeHeaders(response);
        chain.doFilter(request, response);
    }

    /**
     * Sets the headers on a response.
     * @param response the response
     */
    public void writeHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("X-Frame-Options", "DENY");
        if (this.strictTransportSecurity) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}

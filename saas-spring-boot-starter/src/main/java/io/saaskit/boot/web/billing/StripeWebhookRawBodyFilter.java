package io.saaskit.boot.web.billing;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the webhook's body for {@link StripeWebhookController}, whatever its content type (§0.4): the request is
 * handed on with no content type, so neither multipart resolution nor form-parameter parsing reads the body before
 * the controller takes its exact bytes (the signature covers those bytes). The {@code Content-Type} header itself
 * is left as sent. Registered for {@code /billing/webhook} only.
 */
public final class StripeWebhookRawBodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new RawBodyRequest(request), response);
    }

    /** A request that reports no content type, so nothing treats its body as parts or form parameters. */
    private static final class RawBodyRequest extends HttpServletRequestWrapper {

        RawBodyRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getContentType() {
            return null;
        }
    }
}

package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request its id (see {@link RequestId}): echoed in {@code X-Request-Id} on every response, kept as a
 * request attribute for problem bodies, and put in the logging MDC for the whole request. Runs first, so every
 * other filter's log lines and responses carry the id; clears the saaskit MDC keys when the request ends.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestId.resolve(request.getHeader(RequestId.HEADER));
        request.setAttribute(RequestId.ATTRIBUTE, id);
        response.setHeader(RequestId.HEADER, id);
        MDC.put(MdcKeys.REQUEST_ID, id);
        try {
            chain.doFilter(request, response);
        }
        finally {
            MdcKeys.ALL.forEach(MDC::remove);
        }
    }
}

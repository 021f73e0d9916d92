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
 *
 * <p>It also runs on the container's error dispatch (after {@code sendError} or an exception that escaped, the
 * container forwards to the error page once the first pass is over and the MDC is cleared): the request keeps the
 * id it was given, so the error page's log lines and the problem it sends carry the same id.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String assigned = RequestId.of(request);
        String id = (assigned != null) ? assigned : RequestId.resolve(request.getHeader(RequestId.HEADER));
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

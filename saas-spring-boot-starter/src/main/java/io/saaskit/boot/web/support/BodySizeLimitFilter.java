package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces the request body limit ({@code saaskit.http.max-body-size}) on every request.
 *
 * <p>A declared {@code Content-Length} over the limit is refused with 413 before anything reads the body. Bodies
 * without a length (chunked) are counted while they are read, by wrapping the input stream: reading past the limit
 * raises {@link BodyTooLargeException}, which also becomes a 413.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    private final ProblemWriter problems;

    /**
     * Creates the filter.
     * @param maxBytes the largest body accepted
     * @param problems writes the 413 problem
     */
    public BodySizeLimitFilter(long maxBytes, ProblemWriter problems) {
        this.maxBytes = maxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > this.maxBytes) {
            this.problems.write(request, response,
                    Problem.of(ProblemCode.PAYLOAD_TOO_LARGE, "Request body is too large"));
            return;
        }
        chain.doFilter(new SizeLimitedRequest(request, this.maxBytes), response);
    }
}

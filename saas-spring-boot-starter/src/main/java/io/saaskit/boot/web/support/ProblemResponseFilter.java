package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outer boundary that keeps every failure in problem+json, even failures Spring MVC never sees.
 *
 * <p>An exception that escapes the rest of the chain (a filter's, or one no exception resolver handled) is mapped
 * by {@link ProblemMapper} and written here, so the container's error page never answers. Calls to
 * {@code sendError} further down (by Spring's default resolvers, the container or application code) are turned
 * into problem responses on the spot instead of an error dispatch.
 */
public final class ProblemResponseFilter extends OncePerRequestFilter {

    private static final Logger logger = LoggerFactory.getLogger(ProblemResponseFilter.class);

    private final ProblemMapper mapper;

    private final ProblemWriter writer;

    /**
     * Creates the filter.
     * @param mapper maps exceptions and statuses to problems
     * @param writer writes them
     */
    public ProblemResponseFilter(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, new SendErrorAsProblem(request, response));
        }
        catch (Exception ex) {
            Throwable cause = (ex instanceof ServletException && ex.getCause() != null) ? ex.getCause() : ex;
            if (response.isCommitted()) {
                logger.error("Error after the response was committed", cause);
                return;
            }
            this.writer.write(request, response, this.mapper.map(cause, request, null));
        }
    }

    /** Turns {@code sendError} into a problem response. */
    private final class SendErrorAsProblem extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        SendErrorAsProblem(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            ProblemResponseFilter.this.writer.write(this.request, (HttpServletResponse) getResponse(),
                    ProblemResponseFilter.this.mapper.forStatus(status, this.request));
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            sendError(status);
        }
    }
}

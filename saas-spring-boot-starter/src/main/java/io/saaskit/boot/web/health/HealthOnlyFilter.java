package io.saaskit.boot.web.health;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;

import io.saaskit.boot.web.support.ProblemMapper;
import io.saaskit.boot.web.support.ProblemWriter;
import io.saaskit.boot.web.support.RequestPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The web side of a worker-only process ({@code saaskit.web.enabled=false}): only {@code /health} and {@code /ready}
 * are served; every other path, saaskit's API and the application's own routes and pages alike, answers 404 as an
 * unknown route does, so load balancers can probe the process and nothing else reaches it.
 */
public final class HealthOnlyFilter extends OncePerRequestFilter {

    /** The paths a worker-only process serves. */
    public static final Set<String> PATHS = Set.of("/health", "/ready");

    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    /**
     * Creates the filter.
     * @param mapper builds the 404 problem
     * @param writer writes it
     */
    public HealthOnlyFilter(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (PATHS.contains(RequestPath.routed(request))) {
            chain.doFilter(request, response);
            return;
        }
        this.writer.write(request, response, this.mapper.routeNotFound(request));
    }
}

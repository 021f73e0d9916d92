package io.saaskit.boot.web.scim;

import java.io.IOException;

import io.saaskit.boot.web.support.ProblemRenderer;
import io.saaskit.boot.web.support.ProblemRendererSelector;
import io.saaskit.boot.web.support.ProblemWriter;
import io.saaskit.boot.web.support.RequestPath;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Marks requests under {@code /scim/v2} so every failure they meet, in any filter, resolver or error page, is written
 * by the {@link ScimErrorRenderer}. It runs before every other saaskit filter.
 */
public final class ScimRequestFilter extends OncePerRequestFilter {

    /** The SCIM path prefix. */
    public static final String PREFIX = "/scim/v2";

    private final ProblemRendererSelector renderers;

    /**
     * Creates the filter.
     * @param renderers chooses the SCIM error renderer for the paths under {@code /scim/v2}
     */
    public ScimRequestFilter(ProblemRendererSelector renderers) {
        this.renderers = renderers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return this.renderers.rendererFor(RequestPath.of(request)) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemRenderer renderer = this.renderers.rendererFor(RequestPath.of(request));
        if (renderer != null) {
            request.setAttribute(ProblemWriter.RENDERER_ATTRIBUTE, renderer);
        }
        chain.doFilter(request, response);
    }
}

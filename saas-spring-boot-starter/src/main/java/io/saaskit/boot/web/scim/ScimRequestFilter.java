package io.saaskit.boot.web.scim;

import java.io.IOException;

import io.saaskit.boot.web.support.ProblemRenderer;
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

    private final ProblemRenderer renderer;

    /**
     * Creates the filter.
     * @param renderer writes SCIM errors
     */
    public ScimRequestFilter(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPath.of(request);
        return !(path.equals(PREFIX) || path.startsWith(PREFIX + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ProblemWriter.RENDERER_ATTRIBUTE, this.renderer);
        chain.doFilter(request, response);
    }
}

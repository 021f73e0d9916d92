package io.saaskit.boot.web.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as an RFC 9457 {@code application/problem+json} response.
 *
 * <p>Filters, the exception resolver and the error controller all write through this one class, so every failure
 * has the same shape: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance} (the request
 * path), {@code code}, {@code requestId}, then the problem's own members. Headers set earlier (request id, security
 * headers, rate-limit headers) are kept; only the buffered body is discarded.
 */
public final class ProblemWriter {

    /** The media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Request attribute naming a {@link ProblemRenderer} that writes this request's problems in another format, as
     * the SCIM endpoints do (their errors use the SCIM error schema, not problem+json).
     */
    public static final String RENDERER_ATTRIBUTE = ProblemWriter.class.getName() + ".renderer";

    private static final Logger logger = LoggerFactory.getLogger(ProblemWriter.class);

    private final String typeBase;

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates a writer.
     * @param typeBase the prefix of the problem {@code type}, such as {@code urn:saaskit:problem:}
     */
    public ProblemWriter(String typeBase) {
        this.typeBase = typeBase;
    }

    /**
     * Writes the problem unless the response is already committed (then only a debug line is logged, since the
     * client has the start of another response).
     * @param request the request
     * @param response the response
     * @param problem the problem
     * @throws IOException when the response cannot be written
     */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            logger.debug("Response already committed; cannot send problem {}", problem.code());
            return;
        }
        if (request.getAttribute(RENDERER_ATTRIBUTE) instanceof ProblemRenderer renderer) {
            response.resetBuffer();
            renderer.render(request, response, problem);
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        if (problem.status() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            // Close the connection rather than let the container swallow a large body nobody will read.
            response.setHeader("Connection", "close");
        }
        problem.headers().forEach((name, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    response.setHeader(name, values.get(i));
                }
                else {
                    response.addHeader(name, values.get(i));
                }
            }
        });
        byte[] body = this.json.writeValueAsBytes(body(request, problem));
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        }
        catch (IllegalStateException ex) {
            // The handler already asked for the writer: write the same JSON through it.
            PrintWriter writer = response.getWriter();
            writer.write(new String(body, StandardCharsets.UTF_8));
        }
        response.flushBuffer();
    }

    private Map<String, Object> body(HttpServletRequest request, Problem problem) {
        String requestId = RequestId.of(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", this.typeBase + problem.code().kebab());
        body.put("title", problem.code().title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        String instance = RequestPath.known(request);
        if (instance != null) {
            // Absent only when the container refused the request line before reading a path.
            body.put("instance", instance);
        }
        body.put("code", problem.code().name());
        body.put("requestId", (requestId != null) ? requestId : RequestId.generate());
        problem.extensions().forEach(body::putIfAbsent);
        return body;
    }
}

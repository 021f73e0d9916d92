package io.saaskit.boot.web.tomcat;

import java.io.IOException;
import java.util.List;

import io.saaskit.boot.web.support.Problem;
import io.saaskit.boot.web.support.ProblemMapper;
import io.saaskit.boot.web.support.ProblemRenderer;
import io.saaskit.boot.web.support.ProblemRendererSelector;
import io.saaskit.boot.web.support.ProblemWriter;
import io.saaskit.boot.web.support.RequestId;
import io.saaskit.boot.web.support.RequestPath;
import io.saaskit.boot.web.support.SecurityHeadersFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report, as problem+json: the answer to errors Tomcat raises before any filter or servlet runs,
 * such as a request target it cannot decode ({@code /%zz}, an encoded slash, invalid UTF-8) or a request header
 * over the size limit, which would otherwise get Tomcat's HTML error page.
 *
 * <p>The response carries what saaskit's filters would have set: the request id ({@code X-Request-Id} and in the
 * body; the client's own when Tomcat read an acceptable one, else a new one) and the security headers. A path whose
 * errors use another format (a {@link ProblemRendererSelector} names one, as for {@code /scim/v2}) gets that format.
 * Errors raised inside the application never get here: the error page ({@code /error}) has already written its
 * problem, and a response with content is left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger logger = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final ProblemMapper mapper;

    private final ProblemWriter writer;

    private final SecurityHeadersFilter headers;

    private final List<ProblemRendererSelector> renderers;

    /**
     * Creates the valve that answers problem+json for every path.
     * @param mapper maps the status or exception to a problem
     * @param writer writes it
     * @param headers sets the security headers
     */
    public ProblemErrorReportValve(ProblemMapper mapper, ProblemWriter writer, SecurityHeadersFilter headers) {
        this(mapper, writer, headers, List.of());
    }

    /**
     * Creates the valve.
     * @param mapper maps the status or exception to a problem
     * @param writer writes it
     * @param headers sets the security headers
     * @param renderers choose another format for some paths (the SCIM error schema under {@code /scim/v2}), as
     *                  the filters do for requests that reach the application
     */
    public ProblemErrorReportValve(ProblemMapper mapper, ProblemWriter writer, SecurityHeadersFilter headers,
            List<ProblemRendererSelector> renderers) {
        this.mapper = mapper;
        this.writer = writer;
        this.headers = headers;
        this.renderers = List.copyOf(renderers);
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String id = RequestId.of(request);
            if (id == null) {
                // The client's own id when Tomcat read the headers and it is acceptable (section 0.2), else a new one.
                id = RequestId.resolve(request.getHeader(RequestId.HEADER));
                request.setAttribute(RequestId.ATTRIBUTE, id);
            }
            response.setHeader(RequestId.HEADER, id);
            this.headers.writeHeaders(response);
            // Tomcat chose the status (400 for a header over the limit, with the parse error attached); only a
            // failure of its own is mapped from the exception, which also logs it.
            selectRenderer(request);
            Problem problem = (throwable != null && status >= 500) ? this.mapper.map(throwable, request, null)
                    : this.mapper.forStatus(status, request);
            this.writer.write(request, response, problem);
        }
        catch (IOException | RuntimeException ex) {
            logger.debug("Could not send the problem for a container error", ex);
        }
    }

    private void selectRenderer(Request request) {
        String path = RequestPath.known(request);
        if (path == null) {
            // The request line was refused before its path was read: nothing says which format the client expects.
            return;
        }
        for (ProblemRendererSelector selector : this.renderers) {
            ProblemRenderer renderer = selector.rendererFor(path);
            if (renderer != null) {
                request.setAttribute(ProblemWriter.RENDERER_ATTRIBUTE, renderer);
                return;
            }
        }
    }
}

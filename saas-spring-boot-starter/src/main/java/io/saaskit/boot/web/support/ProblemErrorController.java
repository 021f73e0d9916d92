package io.saaskit.boot.web.support;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Spring Boot's error controller (and its whitelabel page), so that a request that still reaches the
 * error path, for example after an error the container raised outside saaskit's filters, gets a problem response.
 * A client asking for the error path directly gets the "route not found" problem.
 */
@Controller
public class ProblemErrorController implements ErrorController {

    private static final Logger logger = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemMapper mapper;

    private final ProblemWriter writer;

    /**
     * Creates the controller.
     * @param mapper maps exceptions and statuses to problems
     * @param writer writes them
     */
    public ProblemErrorController(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    /**
     * Writes the problem for the error being dispatched.
     * @param request the request
     * @param response the response
     */
    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Problem problem;
        if (exception instanceof Throwable throwable) {
            problem = this.mapper.map(throwable, request, null);
        }
        else if (status instanceof Integer code && code >= 400) {
            problem = this.mapper.forStatus(code, request);
        }
        else {
            problem = this.mapper.routeNotFound(request);
        }
        try {
            this.writer.write(request, response, problem);
        }
        catch (IOException ex) {
            // Typically the client that caused the error (by going away) is gone: nothing more to do.
            logger.debug("Could not send the problem for the error dispatch", ex);
        }
    }
}

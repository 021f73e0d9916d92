package io.saaskit.boot.web.health;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saaskit.boot.web.support.Problem;
import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.boot.web.support.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readiness: {@code GET /ready} runs the readiness probes (database, Redis when configured, migrations) and
 * answers 200 {@code {"status":"ready","checks":{...}}}, or 503 SERVICE_UNAVAILABLE "Service not ready" with the
 * same {@code checks} when a probe fails or shutdown has begun.
 */
@RestController
public class ReadinessController {

    /** The detail of a 503. */
    public static final String NOT_READY = "Service not ready";

    private final ReadinessChecks checks;

    private final ShutdownState shutdown;

    private final ProblemWriter problems;

    /**
     * Creates the controller.
     * @param checks runs the probes
     * @param shutdown tells whether shutdown has begun
     * @param problems writes the 503 problem
     */
    public ReadinessController(ReadinessChecks checks, ShutdownState shutdown, ProblemWriter problems) {
        this.checks = checks;
        this.shutdown = shutdown;
        this.problems = problems;
    }

    /**
     * Reports whether the application can serve traffic.
     * @param request the request
     * @param response the response, written directly for a 503
     * @return 200 with the checks, or {@code null} once the 503 problem is written
     * @throws IOException when the problem cannot be written
     */
    @GetMapping("/ready")
    public @Nullable ResponseEntity<Map<String, Object>> ready(HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Map<String, String> results = this.checks.run();
        if (this.shutdown.isShuttingDown() || !ReadinessChecks.allUp(results)) {
            this.problems.write(request, response,
                    Problem.of(ProblemCode.SERVICE_UNAVAILABLE, NOT_READY).with("checks", results));
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ready");
        body.put("checks", results);
        return ResponseEntity.ok(body);
    }
}

package io.saaskit.boot.web.health;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness: {@code GET /health} answers 200 {@code {"status":"ok"}} while the process runs, checking no
 * dependency, so an orchestrator restarts the process only when it is truly stuck.
 */
@RestController
public class HealthController {

    private static final Map<String, String> OK = Map.of("status", "ok");

    /**
     * Reports that the process is alive.
     * @return 200 {@code {"status":"ok"}}
     */
    @GetMapping("/health")
    public Map<String, String> health() {
        return OK;
    }
}

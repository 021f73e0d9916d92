package io.saaskit.boot.web.apikey;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only additions to the application: an API-key route ({@code GET /test/k-route}) and a recorder of the SQL
 * statements the application prepares. Added to a {@code RunningApp} with
 * {@code spring.main.sources=io.saaskit.boot.web.apikey.ApiKeyTestRoutes}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyTestRoutes {

    /** The property that adds this configuration to a running test application. */
    public static final String SOURCE = "spring.main.sources=" + ApiKeyTestRoutes.class.getName();

    /** The test API-key route. */
    public static final String K_ROUTE = "/test/k-route";

    @Bean
    static StatementRecorder testStatementRecorder() {
        return new StatementRecorder();
    }

    /** Answers with what the API-key authentication resolved; registered as a member class of the configuration. */
    @RestController
    public static class KRouteController {

        /**
         * The caller.
         * @param caller the authenticated key
         * @return its ids and prefix
         */
        @GetMapping(K_ROUTE)
        public Map<String, Object> caller(ApiKeyCaller caller) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("apiKeyId", caller.apiKeyId().toString());
            body.put("orgId", caller.orgId().toString());
            body.put("prefix", caller.prefix());
            body.put("rateLimits", caller.rateLimits().size());
            return body;
        }
    }
}

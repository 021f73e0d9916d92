package io.saaskit.example;

import java.util.concurrent.ForkJoinPool;

import com.github.benmanes.caffeine.cache.Ticker;
import io.saaskit.boot.web.apikey.ApiKeyCaller;
import io.saaskit.boot.web.usage.UsageMeter;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.tenancy.port.OrganizationRepository;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /data}, the example's metered API route: authenticated by API key (key, organization and per-key
 * rate limit are checked by the {@link ApiKeyCaller} parameter), admitted against the plan's {@code api_requests}
 * limit, and answered with the organization's id and name. Its usage event is durable before the response is
 * written; a rejected or failed (5xx) call is not billed. Switched off with {@code saaskit.http.data.enabled=false},
 * and absent from the one-shot commands ({@code migrate}, {@code seed}), which start no web server.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "saaskit.http.data.enabled", matchIfMissing = true)
public class DataController {

    private final UsageMeter meter;

    private final OrganizationNames names;

    DataController(UsageMeter meter, OrganizationRepository organizations) {
        this.meter = meter;
        this.names = new OrganizationNames(organizations, Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /**
     * The caller's organization.
     * @param caller the API key
     * @return 200 {@code {orgId, name}}
     */
    @GetMapping("/data")
    public DataResponse data(ApiKeyCaller caller) {
        this.meter.admit(caller, Metrics.API_REQUESTS, 1);
        return new DataResponse(caller.orgId().toString(), this.names.of(caller.orgId()));
    }

    /**
     * The body of {@code GET /data}.
     *
     * @param orgId the organization's id
     * @param name the organization's name
     */
    public record DataResponse(String orgId, String name) {
    }
}

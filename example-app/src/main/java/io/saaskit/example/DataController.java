package io.saaskit.example;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.boot.web.apikey.ApiKeyCaller;
import io.saaskit.boot.web.usage.UsageMeter;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
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

    /** How long an organization's name is reused before it is read again. */
    private static final Duration NAME_TTL = Duration.ofSeconds(30);

    private final UsageMeter meter;

    private final OrganizationRepository organizations;

    private final Clock clock;

    private final Map<OrgId, CachedName> names = new ConcurrentHashMap<>();

    DataController(UsageMeter meter, OrganizationRepository organizations, Clock clock) {
        this.meter = meter;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * The caller's organization.
     * @param caller the API key
     * @return 200 {@code {orgId, name}}
     */
    @GetMapping("/data")
    public DataResponse data(ApiKeyCaller caller) {
        this.meter.admit(caller, Metrics.API_REQUESTS, 1);
        return new DataResponse(caller.orgId().toString(), nameOf(caller.orgId()));
    }

    private String nameOf(OrgId orgId) {
        Instant now = this.clock.instant();
        CachedName cached = this.names.get(orgId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.name();
        }
        String name = this.organizations.findById(orgId).map(Organization::name)
                .orElseThrow(() -> new NotFoundException("Organization not found"));
        this.names.put(orgId, new CachedName(name, now.plus(NAME_TTL)));
        return name;
    }

    /**
     * The body of {@code GET /data}.
     *
     * @param orgId the organization's id
     * @param name the organization's name
     */
    public record DataResponse(String orgId, String name) {
    }

    /** A name and when to read it again. */
    private record CachedName(String name, Instant expiresAt) {
    }
}

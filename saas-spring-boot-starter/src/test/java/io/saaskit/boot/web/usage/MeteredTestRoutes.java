package io.saaskit.boot.web.usage;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saaskit.boot.web.apikey.ApiKeyCaller;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only additions to the application: a metered API-key route {@code GET /data} like the example app's, with a
 * hook that makes the handler fail with 500 before ({@code X-Test-Fail: before-record}) or after
 * ({@code X-Test-Fail: after-record}) its usage event is recorded. Added to a {@code RunningApp} with
 * {@link #SOURCE}.
 */
@Configuration(proxyBeanMethods = false)
public class MeteredTestRoutes {

    /** The property that adds this configuration to a running test application. */
    public static final String SOURCE = "spring.main.sources=" + MeteredTestRoutes.class.getName();

    /** The test hook header. */
    public static final String FAIL_HEADER = "X-Test-Fail";

    /** The metered route, registered as a member of this configuration. */
    @RestController
    public static class DataController {

        private final UsageMeter meter;

        private final OrganizationRepository organizations;

        public DataController(UsageMeter meter, OrganizationRepository organizations) {
            this.meter = meter;
            this.organizations = organizations;
        }

        /**
         * The caller's organization, metered.
         * @param caller the API key
         * @param fail the test hook
         * @return the organization's id and name
         */
        @GetMapping("/data")
        public Map<String, Object> data(ApiKeyCaller caller,
                @RequestHeader(name = FAIL_HEADER, required = false) @Nullable String fail) {
            MeteredRequest metered = this.meter.admit(caller, Metrics.API_REQUESTS, 1);
            if ("before-record".equals(fail)) {
                throw new IllegalStateException("test failure before recording");
            }
            if ("after-record".equals(fail)) {
                metered.record();
                throw new IllegalStateException("test failure after recording");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("orgId", caller.orgId().toString());
            body.put("name", this.organizations.findById(caller.orgId()).map(Organization::name).orElse(null));
            return body;
        }
    }
}

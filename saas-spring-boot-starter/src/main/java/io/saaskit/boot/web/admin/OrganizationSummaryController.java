package io.saaskit.boot.web.admin;

import java.util.Objects;

import io.saaskit.core.admin.OrganizationSummaryService;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's summary of one organization (auth A): {@code GET /admin/orgs/:orgId/summary} answers its plan,
 * active members, current subscription, usage of the current period, webhook inbox and job queue counts.
 *
 * <p>The admin token is checked before the id is looked at, so a caller without it learns nothing about which
 * organizations exist. An id that is not a UUID is answered like an unknown one: 404 "Organization not found".
 */
@RestController
public class OrganizationSummaryController {

    private final AdminTokenAuthenticator authenticator;

    private final OrganizationSummaryService summaries;

    /**
     * Creates the controller.
     * @param authenticator checks the admin token
     * @param summaries builds the summaries
     */
    public OrganizationSummaryController(AdminTokenAuthenticator authenticator,
            OrganizationSummaryService summaries) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.summaries = Objects.requireNonNull(summaries, "summaries");
    }

    /**
     * Summarizes an organization.
     * @param request the request, for the admin token
     * @param orgId the organization id
     * @return 200 with the summary
     */
    @GetMapping("/admin/orgs/{orgId}/summary")
    public OrganizationSummaryResponse summary(HttpServletRequest request, @PathVariable("orgId") String orgId) {
        this.authenticator.authenticate(request);
        OrgId id = OrgId.parse(orgId.trim()).orElseThrow(() -> new NotFoundException("Organization not found"));
        return OrganizationSummaryResponse.of(this.summaries.summarize(id));
    }
}

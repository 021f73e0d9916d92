package io.saaskit.boot.web.org;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.membership.Role;
import io.saaskit.core.tenancy.Organization;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /org} and {@code POST /org}: the organization and the caller's role in it.
 *
 * @param org the organization
 * @param role the caller's role
 */
public record OrgResponse(Org org, String role) {

    /**
     * Builds the body.
     * @param organization the organization
     * @param role the caller's role
     * @return the body
     */
    public static OrgResponse of(Organization organization, Role role) {
        return new OrgResponse(new Org(organization.id().toString(), organization.name(), organization.plan(),
                organization.planLimit().orElse(null), JsonTimestamps.format(organization.createdAt())),
                role.name());
    }

    /**
     * An organization.
     *
     * @param id the id
     * @param name the name
     * @param plan the effective plan
     * @param planLimit the effective {@code api_requests} limit, {@code null} when unlimited
     * @param createdAt when it was created
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Org(String id, String name, String plan, @Nullable Long planLimit, String createdAt) {
    }
}

package io.saaskit.boot.autoconfigure;

import io.saaskit.core.membership.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SCIM provisioning settings, bound from {@code saaskit.scim.*} and bridged into the core's
 * {@link io.saaskit.core.provisioning.ProvisioningSettings} and {@link io.saaskit.core.provisioning.ScimTokenSettings}.
 *
 * @param bearerToken The shared SCIM bearer token (SCIM_BEARER_TOKEN). With it, a client provisions the organization
 * named by the X-Org-Id header. Unset means only per-organization SCIM tokens work (requests with any other token
 * answer 403 "SCIM not configured"). Compared in constant time; never logged.
 * @param defaultRole Role of a provisioned user whose request names no role (SCIM_DEFAULT_ROLE): ADMIN, MEMBER,
 * BILLING or READONLY. OWNER is refused at startup, since SCIM never grants it.
 */
@ConfigurationProperties("saaskit.scim")
public record SaasScimProperties(@Nullable String bearerToken, @DefaultValue("MEMBER") Role defaultRole) {

    @Override
    public String toString() {
        return "SaasScimProperties[bearerToken=" + ((this.bearerToken != null) ? "<redacted>" : "<unset>")
                + ", defaultRole=" + this.defaultRole + "]";
    }
}

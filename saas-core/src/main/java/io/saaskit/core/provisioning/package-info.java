/**
 * Directory provisioning: the semantics behind SCIM 2.0. A provisioned user is the organization's view of one
 * membership; an identity provider creates, finds, changes, suspends and removes them through
 * {@link io.saaskit.core.provisioning.ProvisioningService}, authenticated by
 * {@link io.saaskit.core.provisioning.ScimTokenService}.
 */
@NullMarked
package io.saaskit.core.provisioning;

import org.jspecify.annotations.NullMarked;

/**
 * Persistence ports of the provisioning feature: the directory view of an organization's members and the
 * organization's SCIM tokens.
 */
@NullMarked
package io.saaskit.core.provisioning.port;

import org.jspecify.annotations.NullMarked;

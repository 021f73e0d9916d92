/**
 * The operator's view across features: one organization's plan, members, subscription, usage, webhook inbox and
 * job queue in one read, for {@code GET /admin/orgs/:orgId/summary}. It depends on the other features and none
 * depends on it.
 */
@NullMarked
package io.saaskit.core.admin;

import org.jspecify.annotations.NullMarked;

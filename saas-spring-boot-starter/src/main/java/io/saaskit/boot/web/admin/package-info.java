/**
 * The operator endpoints (auth A, the {@code INTERNAL_ADMIN_TOKEN} bearer token): the webhook inbox
 * ({@code GET /admin/stripe-events}, {@code POST /admin/stripe-events/:id/replay}),
 * {@code POST /admin/reconcile} and the organization summary ({@code GET /admin/orgs/:orgId/summary}).
 */
@NullMarked
package io.saaskit.boot.web.admin;

import org.jspecify.annotations.NullMarked;

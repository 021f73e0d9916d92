/**
 * The operator endpoints (auth A, the {@code INTERNAL_ADMIN_TOKEN} bearer token): the webhook inbox
 * ({@code GET /admin/stripe-events}, {@code POST /admin/stripe-events/:id/replay}) and
 * {@code POST /admin/reconcile}.
 */
@NullMarked
package io.saaskit.boot.web.admin;

import org.jspecify.annotations.NullMarked;

/**
 * The billing endpoints: {@code GET /billing/status}, {@code POST /billing/checkout}, {@code POST /billing/portal}
 * and the Stripe webhook {@code POST /billing/webhook}.
 */
@NullMarked
package io.saaskit.boot.web.billing;

import org.jspecify.annotations.NullMarked;

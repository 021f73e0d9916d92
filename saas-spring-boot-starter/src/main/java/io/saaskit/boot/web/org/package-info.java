/**
 * The {@code /org} and {@code /org/members} endpoints and tenant resolution from the {@code X-Org-Id} header.
 */
@NullMarked
package io.saaskit.boot.web.org;

import org.jspecify.annotations.NullMarked;

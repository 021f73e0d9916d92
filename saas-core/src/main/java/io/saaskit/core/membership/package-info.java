/**
 * Memberships, the five roles, the permission matrix, tenant resolution and anti-escalation rules.
 */
@NullMarked
package io.saaskit.core.membership;

import org.jspecify.annotations.NullMarked;

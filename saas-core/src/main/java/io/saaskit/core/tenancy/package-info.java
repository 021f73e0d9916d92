/**
 * Organizations: the tenant root every tenant-owned record hangs from.
 */
@NullMarked
package io.saaskit.core.tenancy;

import org.jspecify.annotations.NullMarked;

/**
 * Persistence port of the tenancy feature.
 */
@NullMarked
package io.saaskit.core.tenancy.port;

import org.jspecify.annotations.NullMarked;

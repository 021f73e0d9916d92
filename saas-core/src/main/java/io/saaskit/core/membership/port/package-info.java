/**
 * Persistence port of the membership feature.
 */
@NullMarked
package io.saaskit.core.membership.port;

import org.jspecify.annotations.NullMarked;

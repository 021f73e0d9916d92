/**
 * The {@link io.saaskit.core.ratelimit.port.RateLimiter} port.
 */
@NullMarked
package io.saaskit.core.ratelimit.port;

import org.jspecify.annotations.NullMarked;

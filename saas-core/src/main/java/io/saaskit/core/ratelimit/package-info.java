/**
 * Fixed-window rate limiting: rules, bucket keys, decisions and the auth limits.
 */
@NullMarked
package io.saaskit.core.ratelimit;

import org.jspecify.annotations.NullMarked;

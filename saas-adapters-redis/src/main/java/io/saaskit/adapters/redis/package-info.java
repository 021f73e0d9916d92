/**
 * Redis implementations of the saaskit core ports that must be shared by every instance: the rate-limit store,
 * the quota counter, the API key revocation channel, and the {@code redis} readiness probe.
 *
 * <p>Everything here is a plain class on Lettuce, without Spring; the Spring Boot starter wires them from
 * {@code saaskit.redis.url}. All of them share one {@link io.saaskit.adapters.redis.RedisConnections}, keep their
 * keys under the configured prefix, and run their multi-step logic as Lua scripts loaded once per server.
 */
@NullMarked
package io.saaskit.adapters.redis;

import org.jspecify.annotations.NullMarked;

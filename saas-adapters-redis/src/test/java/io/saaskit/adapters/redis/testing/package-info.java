/**
 * Test support shared with other modules through this module's test-jar: the test Redis server, and throw-away
 * Redis processes that a test can stop and start again.
 */
@NullMarked
package io.saaskit.adapters.redis.testing;

import org.jspecify.annotations.NullMarked;

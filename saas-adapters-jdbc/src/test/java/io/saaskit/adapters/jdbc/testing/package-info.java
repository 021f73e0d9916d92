/**
 * Test support shared with other modules through this module's test-jar: a throw-away PostgreSQL database per test.
 */
@NullMarked
package io.saaskit.adapters.jdbc.testing;

import org.jspecify.annotations.NullMarked;

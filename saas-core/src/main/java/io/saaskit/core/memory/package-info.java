/**
 * In-memory implementations of every port, for tests and for embedding the core without a database. Production
 * code never depends on this package.
 */
@NullMarked
package io.saaskit.core.memory;

import org.jspecify.annotations.NullMarked;

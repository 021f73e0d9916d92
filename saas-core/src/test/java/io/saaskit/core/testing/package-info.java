/**
 * Test fixtures shipped in the core test-jar: a movable clock, a fast password hasher and record builders,
 * shared by the contract tests of every adapter.
 */
@NullMarked
package io.saaskit.core.testing;

import org.jspecify.annotations.NullMarked;

/**
 * Tests that span the whole core, such as its architecture rules.
 */
@NullMarked
package io.saaskit.core;

import org.jspecify.annotations.NullMarked;

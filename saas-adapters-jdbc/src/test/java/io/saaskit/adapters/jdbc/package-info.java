/**
 * Integration tests of the PostgreSQL adapter against a real PostgreSQL, and its architecture rules.
 */
@NullMarked
package io.saaskit.adapters.jdbc;

import org.jspecify.annotations.NullMarked;

/**
 * The runnable example application: a SaaS backend assembled from the saaskit starter and the PostgreSQL adapter,
 * with the original product's environment variables, an embedded PostgreSQL for a zero-setup first run, and the
 * {@code migrate} and {@code seed} commands.
 */
@NullMarked
package io.saaskit.example;

import org.jspecify.annotations.NullMarked;

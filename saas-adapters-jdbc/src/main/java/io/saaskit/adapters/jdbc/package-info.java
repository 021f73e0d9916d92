/**
 * PostgreSQL implementations of the saaskit core ports, the Flyway migrations they need, and the row-level
 * security that backs up their {@code org_id} filters.
 *
 * <p>Everything here is a plain class taking a {@link javax.sql.DataSource}; the Spring Boot starter wires them.
 * Repositories use spring-jdbc, so they join the caller's Spring-managed transaction when there is one.
 */
@NullMarked
package io.saaskit.adapters.jdbc;

import org.jspecify.annotations.NullMarked;

/**
 * Where the database comes from: {@code DATABASE_URL} in libpq or JDBC form, or, when it is unset outside
 * production, an embedded PostgreSQL whose data survives restarts.
 */
@NullMarked
package io.saaskit.example.database;

import org.jspecify.annotations.NullMarked;

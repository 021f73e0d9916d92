/**
 * Test fixtures for the end-to-end tests: the app started in-process or as a packaged jar, a PostgreSQL database
 * per test class, and a small HTTP client with a cookie jar, like curl's {@code -b/-c cookie.txt}.
 */
@NullMarked
package io.saaskit.example.support;

import org.jspecify.annotations.NullMarked;

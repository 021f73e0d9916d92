/**
 * Test support for the HTTP layer: a test application, a running-server handle and a small HTTP client.
 */
@NullMarked
package io.saaskit.boot.web.testing;

import org.jspecify.annotations.NullMarked;

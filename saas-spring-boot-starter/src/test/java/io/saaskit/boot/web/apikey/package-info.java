/**
 * Integration tests of API keys over HTTP, with a test-only API-key route.
 */
@NullMarked
package io.saaskit.boot.web.apikey;

import org.jspecify.annotations.NullMarked;

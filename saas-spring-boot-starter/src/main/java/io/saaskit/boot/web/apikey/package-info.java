/**
 * The API-key HTTP layer: the {@code /api-keys} endpoints (session auth) and the authentication of API-key routes
 * through {@link io.saaskit.boot.web.apikey.ApiKeyCaller} parameters.
 */
@NullMarked
package io.saaskit.boot.web.apikey;

import org.jspecify.annotations.NullMarked;

/**
 * Persistence and messaging ports of the API-key feature.
 */
@NullMarked
package io.saaskit.core.apikey.port;

import org.jspecify.annotations.NullMarked;

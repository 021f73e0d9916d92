/**
 * API-key infrastructure the starter provides to the core: the Caffeine cache of verified keys.
 */
@NullMarked
package io.saaskit.boot.apikey;

import org.jspecify.annotations.NullMarked;

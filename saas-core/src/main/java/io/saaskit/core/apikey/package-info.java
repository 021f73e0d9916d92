/**
 * API keys: their format and checksum, keyed hashing, creation, revocation and verification.
 */
@NullMarked
package io.saaskit.core.apikey;

import org.jspecify.annotations.NullMarked;

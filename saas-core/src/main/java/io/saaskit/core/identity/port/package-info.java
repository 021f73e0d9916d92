/**
 * Persistence and hashing ports of the identity feature.
 */
@NullMarked
package io.saaskit.core.identity.port;

import org.jspecify.annotations.NullMarked;

/**
 * Liveness ({@code /health}) and readiness ({@code /ready}) endpoints.
 */
@NullMarked
package io.saaskit.boot.web.health;

import org.jspecify.annotations.NullMarked;

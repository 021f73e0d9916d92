/**
 * Password hashing for the core's {@link io.saaskit.core.identity.port.PasswordHasher} port, built on Spring
 * Security's crypto module so the algorithms come from a well-reviewed library rather than from saaskit.
 */
@NullMarked
package io.saaskit.boot.password;

import org.jspecify.annotations.NullMarked;

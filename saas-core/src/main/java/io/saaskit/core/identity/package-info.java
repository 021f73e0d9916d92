/**
 * Users, password policy, and server-side sessions with absolute, idle and sliding expiry.
 */
@NullMarked
package io.saaskit.core.identity;

import org.jspecify.annotations.NullMarked;

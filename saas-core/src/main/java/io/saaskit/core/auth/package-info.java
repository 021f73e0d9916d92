/**
 * Registration, login and logout: the flows that combine identity, tenancy and membership.
 */
@NullMarked
package io.saaskit.core.auth;

import org.jspecify.annotations.NullMarked;

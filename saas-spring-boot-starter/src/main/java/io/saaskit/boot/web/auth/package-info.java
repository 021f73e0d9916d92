/**
 * The {@code /auth/*} endpoints and session authentication: the {@code sid} cookie, Bearer session tokens, and
 * the argument resolver that hands controllers the authenticated session.
 */
@NullMarked
package io.saaskit.boot.web.auth;

import org.jspecify.annotations.NullMarked;

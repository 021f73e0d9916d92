/**
 * The SCIM 2.0 endpoints ({@code /scim/v2}, RFC 7643/7644) and the owners' SCIM token endpoints
 * ({@code /org/scim-tokens}). SCIM responses use {@code application/scim+json}, and every SCIM failure, whichever
 * layer raises it, is written in the SCIM error schema rather than problem+json.
 */
@NullMarked
package io.saaskit.boot.web.scim;

import org.jspecify.annotations.NullMarked;

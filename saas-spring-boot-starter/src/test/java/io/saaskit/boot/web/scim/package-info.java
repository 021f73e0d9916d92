/**
 * Tests of the SCIM endpoints and the SCIM token endpoints.
 */
@NullMarked
package io.saaskit.boot.web.scim;

import org.jspecify.annotations.NullMarked;

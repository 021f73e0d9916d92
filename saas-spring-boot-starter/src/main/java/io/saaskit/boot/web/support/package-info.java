/**
 * Cross-cutting pieces of the HTTP layer: request ids, access logging, security headers, CORS, the origin rule,
 * body limits and JSON body reading, client addresses, and problem responses.
 */
@NullMarked
package io.saaskit.boot.web.support;

import org.jspecify.annotations.NullMarked;

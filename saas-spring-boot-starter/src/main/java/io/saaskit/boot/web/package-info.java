/**
 * The HTTP inbound adapter of saaskit on Spring MVC: controllers for the endpoint groups, the filters every request
 * passes through, and the mapping of every failure to an RFC 9457 problem response.
 *
 * <p>Nothing here is component-scanned; {@code SaasWebAutoConfiguration} wires each class explicitly.
 */
@NullMarked
package io.saaskit.boot.web;

import org.jspecify.annotations.NullMarked;

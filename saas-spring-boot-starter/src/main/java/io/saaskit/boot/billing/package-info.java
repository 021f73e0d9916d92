/**
 * The worker side of billing: the job handlers that run webhook events and reconciliation, and report their
 * outcomes in the log.
 */
@NullMarked
package io.saaskit.boot.billing;

import org.jspecify.annotations.NullMarked;

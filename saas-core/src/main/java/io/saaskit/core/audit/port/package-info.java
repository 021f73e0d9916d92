/**
 * The {@link io.saaskit.core.audit.port.AuditSink} port.
 */
@NullMarked
package io.saaskit.core.audit.port;

import org.jspecify.annotations.NullMarked;

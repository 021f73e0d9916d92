/**
 * The audit ports: {@link io.saaskit.core.audit.port.AuditSink} appends rows, {@link io.saaskit.core.audit.port.AuditLog}
 * reads them and the hash chain, and removes expired rows.
 */
@NullMarked
package io.saaskit.core.audit.port;

import org.jspecify.annotations.NullMarked;

/**
 * The audit log: who did what to which record, written in the same transaction as the action it records.
 */
@NullMarked
package io.saaskit.core.audit;

import org.jspecify.annotations.NullMarked;

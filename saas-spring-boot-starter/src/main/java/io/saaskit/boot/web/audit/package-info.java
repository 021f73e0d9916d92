/**
 * The audit endpoints: {@code GET /audit} (pages and streamed exports), {@code GET /audit/verify} and
 * {@code GET /admin/audit}; all need {@code audit.read}.
 */
@NullMarked
package io.saaskit.boot.web.audit;

import org.jspecify.annotations.NullMarked;

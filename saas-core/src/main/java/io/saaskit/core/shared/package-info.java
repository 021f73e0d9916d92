/**
 * Cross-feature building blocks: the {@link io.saaskit.core.shared.SaasException} hierarchy, ids and field errors,
 * and {@link io.saaskit.core.shared.GroupCommit}, which gives the small writes of many concurrent requests one
 * transaction.
 */
@NullMarked
package io.saaskit.core.shared;

import org.jspecify.annotations.NullMarked;

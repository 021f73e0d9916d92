/**
 * Cross-feature building blocks: the {@link io.saaskit.core.shared.SaasException} hierarchy, ids and field errors.
 */
@NullMarked
package io.saaskit.core.shared;

import org.jspecify.annotations.NullMarked;

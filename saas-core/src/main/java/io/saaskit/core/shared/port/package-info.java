/**
 * Ports shared by every feature, such as the {@link io.saaskit.core.shared.port.TransactionRunner}.
 */
@NullMarked
package io.saaskit.core.shared.port;

import org.jspecify.annotations.NullMarked;

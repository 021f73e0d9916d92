/**
 * Ports of the metering feature: the shared quota counter and the usage event store.
 */
@NullMarked
package io.saaskit.core.metering.port;

import org.jspecify.annotations.NullMarked;

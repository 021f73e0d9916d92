/**
 * Usage metering: plans and their limits, billing periods, atomic quota admission and durable usage events.
 */
@NullMarked
package io.saaskit.core.metering;

import org.jspecify.annotations.NullMarked;

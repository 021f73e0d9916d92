/**
 * The {@link io.saaskit.core.jobs.port.JobQueue} port.
 */
@NullMarked
package io.saaskit.core.jobs.port;

import org.jspecify.annotations.NullMarked;

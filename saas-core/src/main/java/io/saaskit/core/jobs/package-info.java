/**
 * Background jobs: requests to do work later, delivered at least once to the {@link io.saaskit.core.jobs.JobHandler}
 * registered for their type, by a worker that may run in another process.
 */
@NullMarked
package io.saaskit.core.jobs;

import org.jspecify.annotations.NullMarked;

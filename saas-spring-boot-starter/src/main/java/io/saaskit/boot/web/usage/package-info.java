/**
 * The usage endpoints ({@code GET /usage}, {@code GET /usage/summary}, {@code POST /usage/events}) and the metering
 * of API routes: admission before the handler, a durable usage event before the response, compensation after a
 * failed one.
 */
@NullMarked
package io.saaskit.boot.web.usage;

import org.jspecify.annotations.NullMarked;

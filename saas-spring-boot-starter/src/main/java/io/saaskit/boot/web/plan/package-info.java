/**
 * The plan endpoints {@code GET}, {@code POST} and {@code DELETE /admin/plan}.
 */
@NullMarked
package io.saaskit.boot.web.plan;

import org.jspecify.annotations.NullMarked;

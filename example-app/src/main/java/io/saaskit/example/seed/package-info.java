/**
 * The demo data created only by the explicit seed step ({@code seed} command or {@code SAASKIT_SEED_DEMO_DATA}).
 */
@NullMarked
package io.saaskit.example.seed;

import org.jspecify.annotations.NullMarked;

/** Tests of the standard generators, and a test-scope {@code GenerationContext}. */
@NullMarked
package dev.phalanx.secrets.generators;

import org.jspecify.annotations.NullMarked;

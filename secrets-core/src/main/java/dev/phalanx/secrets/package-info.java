/** Public API: secret values, references, problems and the exception hierarchy. */
@NullMarked
package dev.phalanx.secrets;

import org.jspecify.annotations.NullMarked;

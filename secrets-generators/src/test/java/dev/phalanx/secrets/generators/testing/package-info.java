/** A third-party-style generator, registered only on the test class path. */
@NullMarked
package dev.phalanx.secrets.generators.testing;

import org.jspecify.annotations.NullMarked;

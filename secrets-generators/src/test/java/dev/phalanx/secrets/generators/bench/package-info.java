/** A throughput harness for the generators (a plain main, not a test). */
@NullMarked
package dev.phalanx.secrets.generators.bench;

import org.jspecify.annotations.NullMarked;

/**
 * The testkit's own adoption of its contract kits, and tests that the kits catch broken backends.
 */
@NullMarked
package dev.phalanx.secrets.testkit.contract;

import org.jspecify.annotations.NullMarked;

/** Every backend and generator of this repository adopts its compatibility kit. */
@NullMarked
package dev.phalanx.secrets.tests.contract;

import org.jspecify.annotations.NullMarked;

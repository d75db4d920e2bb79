/** Tests of the shared helpers. */
@NullMarked
package dev.phalanx.secrets.support;

import org.jspecify.annotations.NullMarked;

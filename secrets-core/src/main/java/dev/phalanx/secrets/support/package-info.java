/** Small helpers shared by the engine and the generators, such as Python-compatible JSON. */
@NullMarked
package dev.phalanx.secrets.support;

import org.jspecify.annotations.NullMarked;

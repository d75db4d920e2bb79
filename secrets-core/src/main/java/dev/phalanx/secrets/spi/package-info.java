/** Service provider interfaces for stores, sources and generators, and their discovery. */
@NullMarked
package dev.phalanx.secrets.spi;

import org.jspecify.annotations.NullMarked;

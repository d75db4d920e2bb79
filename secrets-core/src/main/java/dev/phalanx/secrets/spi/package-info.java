/**
 * Service provider interfaces for implementers of stores, sources and generators (spi tier). Tools
 * that use the library load the providers with {@code dev.phalanx.secrets.providers.Providers}.
 */
@NullMarked
package dev.phalanx.secrets.spi;

import org.jspecify.annotations.NullMarked;

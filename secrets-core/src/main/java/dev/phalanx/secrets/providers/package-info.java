/**
 * The user entry point to the backends and generators on the class path (api tier): {@link
 * dev.phalanx.secrets.providers.Providers#load()}, the per-kind {@link
 * dev.phalanx.secrets.providers.ProviderRegistry} and the {@code TYPE:LOCATION} syntax {@link
 * dev.phalanx.secrets.providers.BackendUri}. Implementers of stores, sources and generators use
 * {@code dev.phalanx.secrets.spi} instead.
 */
@NullMarked
package dev.phalanx.secrets.providers;

import org.jspecify.annotations.NullMarked;

/**
 * The standard secret generators ({@code password}, {@code rsa-private-key}, {@code
 * x509-certificate}, ...), found through {@link java.util.ServiceLoader} via {@link
 * dev.phalanx.secrets.generators.StandardGenerators}.
 */
@NullMarked
package dev.phalanx.secrets.generators;

import org.jspecify.annotations.NullMarked;

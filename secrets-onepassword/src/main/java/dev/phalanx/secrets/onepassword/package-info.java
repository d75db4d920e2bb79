/**
 * The {@code onepassword} static secret source: reads static secrets from a 1Password Connect
 * server, in the per-environment vault layout of current Phalanx or the legacy shared-vault layout.
 *
 * <p>The only public type is {@link OnePasswordSourceProvider}, found through {@link
 * ServiceLoader}; everything else is package-private.
 */
@NullMarked
package dev.phalanx.secrets.onepassword;

import java.util.ServiceLoader;
import org.jspecify.annotations.NullMarked;

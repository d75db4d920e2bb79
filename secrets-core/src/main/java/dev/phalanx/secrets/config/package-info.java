/** Loading a Phalanx configuration tree: environments, Helm values and secret specifications. */
@NullMarked
package dev.phalanx.secrets.config;

import org.jspecify.annotations.NullMarked;

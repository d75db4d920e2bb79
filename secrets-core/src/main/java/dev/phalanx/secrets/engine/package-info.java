/** Resolution, audit, plan and sync of an environment's secrets against a store. */
@NullMarked
package dev.phalanx.secrets.engine;

import org.jspecify.annotations.NullMarked;

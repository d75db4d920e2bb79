/** The {@code phalanx-secrets} command-line tool. */
@NullMarked
package dev.phalanx.secrets.cli;

import org.jspecify.annotations.NullMarked;

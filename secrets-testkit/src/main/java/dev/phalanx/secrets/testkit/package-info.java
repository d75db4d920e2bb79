/**
 * Test support for code that uses phalanx-secrets: in-memory backends, extensions, contract kits.
 */
@NullMarked
package dev.phalanx.secrets.testkit;

import org.jspecify.annotations.NullMarked;

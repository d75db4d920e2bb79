/**
 * Every standard generator adopts the testkit's {@code SecretGeneratorContract} here, beside the
 * code it proves; {@code StandardGeneratorsAdoptKitTest} fails when a new type has no adoption.
 */
@NullMarked
package dev.phalanx.secrets.generators.contract;

import org.jspecify.annotations.NullMarked;

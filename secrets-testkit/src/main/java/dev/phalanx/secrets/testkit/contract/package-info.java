/**
 * Compatibility kits (TCK) for phalanx-secrets backends: abstract JUnit 5 classes that pin the
 * promises of the SPI. A backend adopts a kit by extending it in its own test sources and
 * implementing one factory method:
 *
 * <ul>
 *   <li>{@link dev.phalanx.secrets.testkit.contract.SecretStoreContract} for a {@link
 *       dev.phalanx.secrets.spi.SecretStore};
 *   <li>{@link dev.phalanx.secrets.testkit.contract.SecretSourceContract} for a {@link
 *       dev.phalanx.secrets.spi.SecretSource};
 *   <li>{@link dev.phalanx.secrets.testkit.contract.SecretGeneratorContract} for a {@link
 *       dev.phalanx.secrets.spi.SecretGenerator}.
 * </ul>
 *
 * <p>Add {@code dev.phalanx.secrets:secrets-testkit} with scope {@code test} and JUnit Jupiter's
 * engine; the kits need nothing else (no WireMock, no OpenBao).
 */
@NullMarked
package dev.phalanx.secrets.testkit.contract;

import org.jspecify.annotations.NullMarked;

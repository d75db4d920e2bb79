/**
 * Administration of an environment's Vault credentials, the library side of the {@code vault}
 * command: {@link VaultCredentials} creates the read and write policies, the read AppRole and the
 * write token ({@link ReadAppRole}, {@link WriteToken}), audits them ({@link CredentialAudit}), and
 * copies and exports the environment's secrets through its {@link VaultConnection}.
 */
@NullMarked
package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.vault.VaultConnection;
import org.jspecify.annotations.NullMarked;

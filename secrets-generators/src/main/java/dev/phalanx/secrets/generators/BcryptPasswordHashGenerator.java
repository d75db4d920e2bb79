package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * {@code bcrypt-password-hash}: the bcrypt hash of the source secret, {@code $2b$} prefix, cost 15
 * unless the rule's {@code cost} option says otherwise.
 *
 * <p>Sources longer than 72 UTF-8 bytes are refused rather than silently truncated (as Python
 * {@code bcrypt} 5 does). A stored hash is stale when it no longer verifies against the current
 * source.
 */
final class BcryptPasswordHashGenerator implements SecretGenerator {

  static final String TYPE = "bcrypt-password-hash";
  static final int DEFAULT_COST = 15;
  static final int MIN_COST = 4;
  static final int MAX_COST = 31;
  static final int MAX_PASSWORD_BYTES = 72;

  private static final List<GeneratorOption> OPTIONS =
      List.of(
          GeneratorOption.optional(
              "cost",
              GeneratorOption.Type.INTEGER,
              "bcrypt cost factor (log2 of the rounds), 4 to 31",
              DEFAULT_COST));

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourcePolicy sourcePolicy() {
    return SourcePolicy.REQUIRED;
  }

  @Override
  public List<GeneratorOption> options() {
    return OPTIONS;
  }

  @Override
  public List<String> validate(GeneratorOptions options) {
    List<String> problems = new ArrayList<>();
    Optional<Long> cost = options.integer("cost");
    if (cost.isPresent() && (cost.get() < MIN_COST || cost.get() > MAX_COST)) {
      problems.add("cost must be between " + MIN_COST + " and " + MAX_COST);
    }
    return problems;
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    SecretValue source = Support.requireSource(context, TYPE);
    if (source.utf8Length() > MAX_PASSWORD_BYTES) {
      throw Support.failure(
          context,
          TYPE,
          "the source is longer than "
              + MAX_PASSWORD_BYTES
              + " UTF-8 bytes, which bcrypt cannot hash without truncating it");
    }
    List<String> problems = validate(context.options());
    if (!problems.isEmpty()) {
      throw Support.failure(context, TYPE, String.join("; ", problems));
    }
    int cost = context.options().integer("cost").map(Long::intValue).orElse(DEFAULT_COST);
    byte[] salt = Support.randomBytes(context, 16);
    byte[] password = source.revealUtf8();
    try {
      return SecretValue.of(OpenBSDBCrypt.generate("2b", password, salt, cost));
    } finally {
      SecretValue.wipe(password);
    }
  }

  @Override
  public Staleness checkStale(SecretValue existing, GenerationContext context) {
    SecretValue source = Support.requireSource(context, TYPE);
    if (source.utf8Length() > MAX_PASSWORD_BYTES) {
      return Staleness.stale("source is longer than " + MAX_PASSWORD_BYTES + " bytes");
    }
    byte[] password = source.revealUtf8();
    try {
      return OpenBSDBCrypt.checkPassword(existing.reveal(), password)
          ? Staleness.fresh()
          : Staleness.stale("hash does not match its source");
    } catch (RuntimeException e) {
      // Bouncy Castle refuses strings that are not bcrypt hashes; its message may quote them.
      return Staleness.stale("stored value is not a bcrypt hash");
    } finally {
      SecretValue.wipe(password);
    }
  }

  /** The verdict depends only on the source and the stored hash. */
  @Override
  public boolean memoizableStaleCheck() {
    return true;
  }

  @Override
  public boolean slow() {
    return true;
  }
}

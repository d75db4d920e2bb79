package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.vault.VaultConnection;
import dev.phalanx.secrets.vault.VaultException;
import dev.phalanx.secrets.vault.VaultReply;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment's write tokens (display name {@code token-N}): finding them through the token
 * accessors, and creating a new one that replaces them. See {@link
 * VaultCredentials#createWriteToken(Duration)}.
 */
final class WriteTokens {

  private static final Logger LOG = LoggerFactory.getLogger(WriteTokens.class);

  /** What a token accessor lookup tells about one token. */
  record TokenInfo(
      String accessor,
      String displayName,
      List<String> policies,
      @Nullable OffsetDateTime expires) {}

  private final VaultConnection connection;
  private final Policies policies;

  WriteTokens(VaultConnection connection, Policies policies) {
    this.connection = connection;
    this.policies = policies;
  }

  /** {@code token-N}. */
  String displayName() {
    return "token-" + policies.name();
  }

  /** Creates a token with the write policy, then revokes the earlier ones. */
  WriteToken create(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the token lifetime must be positive");
    }
    policies.put(connection, policies.writePolicyName(), policies.writePolicy());
    // Found before anything is created, so that a token lacking the right to list accessors fails
    // here and leaves nothing behind.
    List<TokenInfo> earlier = find();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("display_name", policies.name());
    request.put("policies", List.of(policies.writePolicyName()));
    request.put("ttl", lifetime.toSeconds() + "s");
    Optional<VaultReply> reply = connection.write("auth/token/create", request);
    SecretValue token = SecretValue.of(reply.map(r -> r.text("auth", "client_token")).orElse(""));
    String accessor = reply.map(r -> r.text("auth", "accessor")).orElse("");
    if (token.isEmpty() || accessor.isEmpty()) {
      throw new StoreException("Vault did not return a token for " + displayName());
    }
    VaultReply created = reply.orElseThrow(); // present: a 404 holds no token
    List<String> revoked = new ArrayList<>();
    TokenInfo info;
    try {
      info =
          lookupAccessor(accessor)
              .orElseThrow(() -> new StoreException("the new write token cannot be looked up"));
      for (TokenInfo old : earlier) {
        if (!old.accessor().equals(accessor)) {
          connection.write("auth/token/revoke-accessor", Map.of("accessor", old.accessor()));
          revoked.add(old.accessor());
        }
      }
    } catch (RuntimeException e) {
      throw revokeAfterFailure(accessor, revoked, e);
    }
    LOG.info(
        "created write token {} (accessor {}); revoked {} earlier one(s)",
        info.displayName(),
        accessor,
        revoked.size());
    return new WriteToken(
        token,
        accessor,
        info.displayName(),
        created.strings("auth", "token_policies"),
        info.expires(),
        revoked,
        created.strings("warnings"));
  }

  /**
   * A failure after the new token was created: the token is revoked (nobody has seen it), and the
   * error says so, or names its accessor when even that fails.
   */
  private StoreException revokeAfterFailure(
      String accessor, List<String> revoked, RuntimeException cause) {
    String outcome;
    try {
      connection.write("auth/token/revoke-accessor", Map.of("accessor", accessor));
      outcome = "the new write token (accessor " + accessor + ") was revoked again";
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      outcome =
          "the new write token (accessor "
              + accessor
              + ") could NOT be revoked: revoke it with `vault token revoke -accessor "
              + accessor
              + "`";
    }
    LOG.warn("creating the write token failed after creation; {}", outcome);
    return new StoreException(
        "creating the write token for "
            + connection.prefix()
            + " failed: "
            + cause.getMessage()
            + "; "
            + outcome
            + (revoked.isEmpty()
                ? ""
                : "; earlier write tokens already revoked (accessors): " + revoked),
        cause);
  }

  /** The environment's write tokens: display name {@code token-N}. */
  List<TokenInfo> find() {
    List<String> accessors = connection.list("auth/token/accessors");
    List<Optional<TokenInfo>> infos = connection.map(accessors, this::lookupListedAccessor);
    List<TokenInfo> out = new ArrayList<>();
    for (Optional<TokenInfo> info : infos) {
      info.filter(t -> t.displayName().equals(displayName())).ifPresent(out::add);
    }
    return out;
  }

  /** Like Phalanx, an accessor that may not be looked up (403) is skipped. */
  private Optional<TokenInfo> lookupListedAccessor(String accessor) {
    try {
      return lookupAccessor(accessor);
    } catch (VaultException e) {
      if (e.status() == 403) {
        LOG.debug("skipping a token accessor that may not be looked up");
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<TokenInfo> lookupAccessor(String accessor) {
    Optional<VaultReply> reply;
    try {
      reply = connection.write("auth/token/lookup-accessor", Map.of("accessor", accessor));
    } catch (VaultException e) {
      if (e.status() == 400) {
        return Optional.empty(); // revoked or expired meanwhile
      }
      throw e;
    }
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    VaultReply r = reply.get();
    OffsetDateTime expires = null;
    String text = r.text("data", "expire_time");
    if (!text.isEmpty()) {
      try {
        expires = OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        expires = null;
      }
    }
    return Optional.of(
        new TokenInfo(
            accessor, r.text("data", "display_name"), r.strings("data", "policies"), expires));
  }
}

package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the session token: logs in on first use and, for long runs, renews a renewable token
 * ({@code auth/token/renew-self}) or logs in again (AppRole, Kubernetes) when less than a third of
 * its lifetime (at most 10 minutes) is left. A fixed token's lifetime is learnt once from {@code
 * auth/token/lookup-self}; when that is denied, renewal is simply off.
 *
 * <p>Thread-safe. Never logs the token.
 */
final class SessionManager implements TokenProvider {

  private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
  private static final Duration MAX_MARGIN = Duration.ofMinutes(10);

  private final ClientAuthentication authentication;
  private final VaultClient client;
  private final Clock clock;
  private final boolean renewal;

  private @Nullable SecretValue token;
  private @Nullable Instant expiry;
  private Duration margin = Duration.ZERO;
  private boolean renewable;
  private @Nullable Thread lookup;

  /**
   * Creates the session; nothing is sent until the first {@link #token()}.
   *
   * @param authentication how to log in
   * @param client a client that sends no token of its own
   * @param clock the time source for expiry decisions
   * @param renewal whether to look up the token's lifetime and renew it; off, the token is used as
   *     it is and no extra request is made
   */
  SessionManager(
      ClientAuthentication authentication, VaultClient client, Clock clock, boolean renewal) {
    this.authentication = Objects.requireNonNull(authentication, "authentication");
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.renewal = renewal;
  }

  /**
   * The current token, logging in or renewing first when needed.
   *
   * @return the token
   * @throws StoreException when the login fails
   */
  @Override
  public synchronized SecretValue token() {
    SecretValue current = token;
    if (current == null) {
      return login();
    }
    if (renewal && expiry != null && !clock.instant().isBefore(expiry.minus(margin))) {
      if (renewable) {
        renew(current);
      } else if (!authentication.method().equals("token")) {
        LOG.debug("Vault {} token close to expiry; logging in again", authentication.method());
        return login();
      } else {
        LOG.warn("the Vault token expires at {} and is not renewable", expiry);
        expiry = null;
      }
    }
    return Objects.requireNonNull(token);
  }

  private SecretValue login() {
    Login login = authentication.login(client);
    token = login.token();
    LOG.debug("Vault session started with {} authentication", authentication.method());
    if (!renewal) {
      return login.token();
    }
    if (login.ttl() != null) {
      setLifetime(login.ttl(), login.renewable());
    } else {
      startLookup(login.token());
    }
    return login.token();
  }

  /**
   * Learns a fixed token's lifetime on a daemon thread: the first requests go out with the token at
   * once instead of waiting a round trip for {@code lookup-self}, which only renewal needs, and
   * renewal is not due while the lookup is under way (the token was just taken up).
   */
  private void startLookup(SecretValue current) {
    Thread thread = new Thread(() -> lookup(current), "phalanx-vault-token-lookup");
    thread.setDaemon(true);
    lookup = thread;
    thread.start();
  }

  private void lookup(SecretValue current) {
    try {
      VaultResponse self = client.send("GET", "auth/token/lookup-self", null, current);
      synchronized (this) {
        setLifetime(
            Duration.ofSeconds(self.body().number("data", "ttl")),
            self.body().flag("data", "renewable"));
      }
    } catch (RuntimeException e) {
      LOG.debug(
          "token lookup failed ({}); token renewal is off",
          e instanceof VaultException v ? "HTTP " + v.status() : e.getClass().getSimpleName());
      synchronized (this) {
        expiry = null;
      }
    }
  }

  /** Whether the lifetime lookup the first {@link #token()} started is still under way (tests). */
  synchronized boolean lookupPending() {
    return lookup != null && lookup.isAlive();
  }

  /**
   * Waits for the lifetime lookup the first {@link #token()} started, if any (for tests).
   *
   * @throws InterruptedException when interrupted while waiting
   */
  void awaitLookup() throws InterruptedException {
    Thread thread;
    synchronized (this) {
      thread = lookup;
    }
    if (thread != null) {
      thread.join();
    }
  }

  private void renew(SecretValue current) {
    try {
      Login renewed =
          Logins.fromAuth(
              client.send("POST", "auth/token/renew-self", Map.of(), current),
              "auth/token/renew-self");
      LOG.debug("Vault token renewed for {}", renewed.ttl());
      setLifetime(Objects.requireNonNull(renewed.ttl()), renewed.renewable());
    } catch (VaultException e) {
      LOG.warn("renewing the Vault token failed (HTTP {}); going on with it", e.status());
      expiry = null;
    }
  }

  private void setLifetime(Duration ttl, boolean canRenew) {
    if (ttl.isZero() || ttl.isNegative()) {
      expiry = null; // never expires (root token) or unknown
      return;
    }
    renewable = canRenew;
    Duration third = ttl.dividedBy(3);
    margin = third.compareTo(MAX_MARGIN) < 0 ? third : MAX_MARGIN;
    expiry = clock.instant().plus(ttl);
  }

  /** The method, never the token. */
  @Override
  public String toString() {
    return "SessionManager[" + authentication.method() + "]";
  }
}

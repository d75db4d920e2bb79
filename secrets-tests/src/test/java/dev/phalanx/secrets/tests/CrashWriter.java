package dev.phalanx.secrets.tests;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child process of {@link FileStoreCrashIT}: writes generation after generation to a file store
 * until it is killed. Generation {@code g} replaces application {@code app(g % 3)} with {@link
 * #KEYS} keys that all hold {@link #value(long)}; generations continue where the store left off.
 * Prints "ready" after its first write.
 */
final class CrashWriter {

  static final int APPS = 3;
  static final int KEYS = 5;
  static final Pattern VALUE = Pattern.compile("gen-(\\d+)-(x*)");

  private CrashWriter() {}

  static String value(long generation) {
    return "gen-" + generation + "-" + "x".repeat((int) (generation * 40 % 200_000));
  }

  /** The generation a value was written by, or -1 when it is not a value of this writer. */
  static long generation(String value) {
    Matcher m = VALUE.matcher(value);
    if (!m.matches()) {
      return -1;
    }
    long g = Long.parseLong(m.group(1));
    return value.equals(value(g)) ? g : -1;
  }

  public static void main(String[] args) {
    SecretStore store = new FileSecretStoreProvider().create(StoreConfig.of(args[0]));
    long next = 0;
    for (StoredApplication app : store.readAll(store.listApplications()).values()) {
      for (SecretValue v : app.data().values()) {
        next = Math.max(next, generation(v.reveal()) + 1);
      }
    }
    boolean first = true;
    for (long g = next; ; g++) {
      String app = "app" + (g % APPS);
      Map<String, SecretValue> data = new TreeMap<>();
      for (int k = 0; k < KEYS; k++) {
        data.put("k" + k, SecretValue.of(value(g)));
      }
      Optional<StoredApplication> current = store.read(app);
      store.write(app, data, WriteCondition.replacing(current.orElse(null)));
      if (first) {
        System.out.println("ready");
        System.out.flush();
        first = false;
      }
    }
  }
}

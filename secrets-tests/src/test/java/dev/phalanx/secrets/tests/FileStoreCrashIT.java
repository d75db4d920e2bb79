package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY "The bar" 13: a file store is never left half-written. A child JVM writes to the
 * store in a tight loop with growing content and is killed ({@code destroyForcibly}) at random
 * moments; after every kill the store parses and holds a complete state.
 */
@DisplayName("The file store survives its writer being killed")
class FileStoreCrashIT {

  static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  @DisplayName("after each of 20 kills the store parses and every application is one whole write")
  void survivesKills() throws Exception {
    Path storeFile = dir.resolve("store.json");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Random random = new Random();
    long lastGeneration = -1;
    int maxLeftovers = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  java.toString(),
                  "-Dorg.slf4j.simpleLogger.logFile=System.err",
                  "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashWriter.class.getName(),
                  storeFile.toString())
              .redirectError(dir.resolve("child-" + kill + ".err").toFile());
      // (the child's stderr is kept for the failure message)
      Path errors = dir.resolve("child-" + kill + ".err");
      Process child = builder.start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertEquals("ready", line, () -> "child failed: " + Fixtures.read(errors));
        Thread.sleep(50 + random.nextInt(251));
        child.destroyForcibly();
        child.waitFor();
      }

      long generation = checkComplete(storeFile);
      // Each write removes the temporaries of earlier kills: only the last kill's may remain.
      int leftovers = temporaries(storeFile).size();
      assertTrue(leftovers <= 1, leftovers + " temporary files left after kill " + kill);
      maxLeftovers = Math.max(maxLeftovers, leftovers);
      assertTrue(generation > lastGeneration, "the writer made progress");
      lastGeneration = generation;
    }
    // Issue 11 item 19: a write removes what killed writers left; nothing stays behind.
    SecretStore store = new FileSecretStoreProvider().create(StoreConfig.of(storeFile.toString()));
    store.delete("no-such-application");
    assertEquals(List.of(), temporaries(storeFile), "stale temporary files removed by a write");
    System.out.println(
        "File store crash test: "
            + KILLS
            + " kills, "
            + (lastGeneration + 1)
            + " writes, "
            + maxLeftovers
            + " temporary file(s) at most after a kill");
  }

  private static List<Path> temporaries(Path storeFile) throws Exception {
    try (Stream<Path> files = Files.list(storeFile.getParent())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** Checks the store and returns the last generation it holds. */
  private static long checkComplete(Path storeFile) throws Exception {
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storeFile)));
    SecretStore store = new FileSecretStoreProvider().create(StoreConfig.of(storeFile.toString()));
    Map<String, StoredApplication> apps = store.readAll(store.listApplications());
    long max = -1;
    Set<Long> generations = new HashSet<>();
    for (StoredApplication app : apps.values()) {
      assertEquals(CrashWriter.KEYS, app.data().size(), app.application());
      Set<String> values = new HashSet<>();
      for (SecretValue v : app.data().values()) {
        values.add(v.reveal());
      }
      assertEquals(1, values.size(), app.application() + " holds the keys of one write");
      long g = CrashWriter.generation(values.iterator().next());
      assertTrue(g >= 0, app.application() + " holds a whole value");
      assertEquals("app" + (g % CrashWriter.APPS), app.application());
      assertEquals(g / CrashWriter.APPS + 1, app.version(), app.application() + " version");
      generations.add(g);
      max = Math.max(max, g);
    }
    // Generations are written in order, so the apps hold the last APPS generations.
    for (long g = Math.max(0, max - CrashWriter.APPS + 1); g <= max; g++) {
      assertTrue(generations.contains(g), "generation " + g + " present");
    }
    try (Stream<Path> files = Files.list(storeFile.getParent())) {
      List<Path> leftovers =
          files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
      for (Path p : leftovers) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
      }
    }
    return max;
  }
}

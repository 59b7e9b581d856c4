package io.spike.pilot.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spike.config.Settings;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * The shape of a local cluster, recorded in {@code D/cluster.json} by {@code dev up} so that later
 * commands ({@code dev start}, {@code dev env}) and later {@code dev up}s agree on it.
 *
 * @param keepers number of keepers (= Shamir shares)
 * @param threshold Shamir threshold
 * @param backend Nexus backend: sqlite, postgres or memory
 * @param trustDomain the dev CA's trust domain
 * @param embeddedPostgres whether {@code dev} runs the PostgreSQL itself (component {@code
 *     postgres}, data in {@code D/postgres}, port {@value #POSTGRES_PORT}); false with {@code
 *     SPIKE_NEXUS_DB_URL}, and for other backends. Absent from an older {@code cluster.json}:
 *     false.
 */
public record ClusterShape(
    int keepers, int threshold, String backend, String trustDomain, boolean embeddedPostgres) {
  /**
   * Loopback port of the embedded PostgreSQL: next to Nexus's 8553 and ops 8554, away from a
   * PostgreSQL the developer runs on 5432 (or a second one on 5433).
   */
  public static final int POSTGRES_PORT = 8555;

  static final Set<String> BACKENDS = Set.of("sqlite", "postgres", "memory");
  static final int MAX_KEEPERS = 9;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the numbers and the backend; a {@link UsageException} says what to fix. */
  public ClusterShape {
    if (keepers < 1 || keepers > MAX_KEEPERS) {
      throw new UsageException("--keepers must be 1.." + MAX_KEEPERS + ", not " + keepers);
    }
    if (threshold < 1 || threshold > keepers) {
      throw new UsageException(
          "--threshold must be 1..keepers (" + keepers + "), not " + threshold);
    }
    if (!BACKENDS.contains(backend)) {
      throw new UsageException(
          "--backend must be sqlite, postgres or memory, not '" + backend + "'");
    }
    if (embeddedPostgres && !"postgres".equals(backend)) {
      throw new UsageException("an embedded PostgreSQL needs --backend postgres, not " + backend);
    }
  }

  /** A shape without an embedded PostgreSQL. */
  public ClusterShape(int keepers, int threshold, String backend, String trustDomain) {
    this(keepers, threshold, backend, trustDomain, false);
  }

  /**
   * The JDBC URL Nexus gets for the embedded PostgreSQL (trust authentication on loopback: dev
   * only).
   */
  public static String embeddedPostgresUrl() {
    return "jdbc:postgresql://localhost:" + POSTGRES_PORT + "/postgres?user=postgres";
  }

  /** Keeper {@code n}'s TLS port: 8443, 8543, 8643, ... */
  public static int keeperPort(int n) {
    return Settings.defaultKeeperPort(n);
  }

  /** Keeper URLs in shard order, as Nexus and bootstrap get them. */
  public List<String> keeperUrls() {
    return Settings.defaultKeeperPeers(keepers).stream().map(URI::toString).toList();
  }

  static ClusterShape read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ClusterShape.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read "
              + file
              + " ("
              + e.getMessage()
              + "); fix or delete it and run spike dev up again",
          e);
    }
  }

  void write(Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

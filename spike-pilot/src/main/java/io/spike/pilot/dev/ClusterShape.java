package io.spike.pilot.dev;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * The shape of a local cluster, recorded in {@code D/cluster.json} by
 * {@code dev up} so that later commands ({@code dev start}, {@code dev env})
 * and later {@code dev up}s agree on it.
 *
 * @param keepers number of keepers (= Shamir shares)
 * @param threshold Shamir threshold
 * @param backend Nexus backend: sqlite, postgres or memory
 * @param trustDomain the dev CA's trust domain
 */
public record ClusterShape(int keepers, int threshold, String backend, String trustDomain) {
  static final Set<String> BACKENDS = Set.of("sqlite", "postgres", "memory");
  static final int MAX_KEEPERS = 9;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Checks the numbers and the backend; a {@link UsageException} says what to fix. */
  public ClusterShape {
    if (keepers < 1 || keepers > MAX_KEEPERS) {
      throw new UsageException("--keepers must be 1.." + MAX_KEEPERS + ", not " + keepers);
    }
    if (threshold < 1 || threshold > keepers) {
      throw new UsageException("--threshold must be 1..keepers (" + keepers + "), not " + threshold);
    }
    if (!BACKENDS.contains(backend)) {
      throw new UsageException("--backend must be sqlite, postgres or memory, not '" + backend + "'");
    }
  }

  /** Keeper {@code n}'s TLS port: 8443, 8543, 8643, ... */
  public static int keeperPort(int n) {
    return 8443 + 100 * (n - 1);
  }

  /** Keeper URLs in shard order, as Nexus and bootstrap get them. */
  public List<String> keeperUrls() {
    return java.util.stream.IntStream.rangeClosed(1, keepers)
        .mapToObj(n -> "https://localhost:" + keeperPort(n)).toList();
  }

  static ClusterShape read(Path file) {
    try {
      return JSON.readValue(file.toFile(), ClusterShape.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage()
          + "); fix or delete it and run spike dev up again", e);
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

package io.spike.pilot.dev;

import io.spike.config.Environment;
import io.spike.config.Settings;
import io.spike.pilot.cli.UsageException;
import java.util.Map;

/**
 * Decides the shape {@code dev up} uses: the one recorded in D if there is one (flags that
 * contradict it are refused, since keepers hold shards of that shape), else the flags with defaults
 * 3 keepers, threshold 2 (at most the keepers), sqlite, and the trust domain {@code
 * SPIKE_TRUST_ROOT} or {@code spike.ist}. {@code --backend postgres} uses {@code
 * SPIKE_NEXUS_DB_URL} when it is set at the first {@code dev up}, and otherwise an embedded
 * PostgreSQL that {@code dev} runs itself (recorded in {@code cluster.json}, so later commands
 * start and stop it too).
 */
final class DevShapeResolver {
  private static final String DB_URL_ENV = Settings.DB_URL.name();

  private DevShapeResolver() {}

  static ClusterShape resolve(
      DevLayout layout,
      Integer keepers,
      Integer threshold,
      String backend,
      Map<String, String> env) {
    Environment settings = Environment.of(env);
    String dbUrl = settings.find(Settings.DB_URL).orElse("");
    ClusterShape shape;
    if (layout.exists()) {
      shape = ClusterShape.read(layout.clusterFile());
      boolean differs =
          keepers != null && keepers != shape.keepers()
              || threshold != null && threshold != shape.threshold()
              || backend != null && !backend.equals(shape.backend());
      if (differs) {
        throw new UsageException(
            layout.dir()
                + " holds a cluster of "
                + shape.keepers()
                + " keepers, threshold "
                + shape.threshold()
                + ", backend "
                + shape.backend()
                + "; to change its shape run spike dev down"
                + " and remove "
                + layout.dir()
                + " (its data goes with it)");
      }
      if ("postgres".equals(shape.backend()) && !shape.embeddedPostgres() && dbUrl.isEmpty()) {
        throw new UsageException(
            "the cluster in "
                + layout.dir()
                + " keeps its data in the PostgreSQL named by "
                + DB_URL_ENV
                + "; set it again (the JDBC URL is not stored in "
                + layout.dir()
                + ")");
      }
    } else {
      int k = keepers == null ? 3 : keepers;
      int t = threshold == null ? Math.min(2, Math.max(k, 1)) : threshold;
      String b = backend == null ? "sqlite" : backend;
      // Without a URL, dev runs its own PostgreSQL; with one, the data lives there and D keeps no
      // copy of it.
      shape =
          new ClusterShape(
              k, t, b, settings.get(Settings.TRUST_ROOT), "postgres".equals(b) && dbUrl.isEmpty());
    }
    return shape;
  }
}

package io.spike.pilot.dev;

import io.spike.pilot.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process of the local cluster: {@code nexus}, {@code keeper-<N>}, or {@code postgres}
 * (the embedded PostgreSQL of {@code --backend postgres} when no {@code SPIKE_NEXUS_DB_URL} was
 * given).
 *
 * @param name the name used for its log, pid file and SVID
 * @param mainClass the class the process runs
 * @param keeper the keeper number; 0 for Nexus, {@value #POSTGRES_SLOT} for PostgreSQL
 */
public record Component(String name, String mainClass, int keeper) {
  static final String NEXUS_MAIN = "io.spike.nexus.NexusMain";
  static final String KEEPER_MAIN = "io.spike.keeper.KeeperMain";
  static final String POSTGRES_MAIN = "io.spike.pilot.dev.DevPostgresMain";
  static final int POSTGRES_SLOT = -1;
  private static final Pattern KEEPER = Pattern.compile("keeper-(\\d{1,2})");

  public static Component nexus() {
    return new Component("nexus", NEXUS_MAIN, 0);
  }

  public static Component keeper(int n) {
    return new Component("keeper-" + n, KEEPER_MAIN, n);
  }

  public static Component postgres() {
    return new Component("postgres", POSTGRES_MAIN, POSTGRES_SLOT);
  }

  public boolean isNexus() {
    return keeper == 0;
  }

  public boolean isKeeper() {
    return keeper > 0;
  }

  public boolean isPostgres() {
    return keeper == POSTGRES_SLOT;
  }

  /**
   * Every component of {@code shape} in start order: the embedded PostgreSQL (when the shape has
   * one), the keepers, then Nexus. Stopping goes the other way, so PostgreSQL stops last.
   */
  public static List<Component> all(ClusterShape shape) {
    List<Component> all = new ArrayList<>();
    if (shape.embeddedPostgres()) {
      all.add(postgres());
    }
    for (int n = 1; n <= shape.keepers(); n++) {
      all.add(keeper(n));
    }
    all.add(nexus());
    return all;
  }

  /**
   * Parses {@code nexus}, {@code keeper-N} with N in 1..keepers, or {@code postgres} when the shape
   * has one.
   */
  public static Component parse(String text, ClusterShape shape) {
    if ("nexus".equals(text)) {
      return nexus();
    }
    if ("postgres".equals(text) && shape.embeddedPostgres()) {
      return postgres();
    }
    Matcher m = KEEPER.matcher(text);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      if (n >= 1 && n <= shape.keepers()) {
        return keeper(n);
      }
    }
    throw new UsageException(
        "'"
            + text
            + "' is not a component of this cluster; use nexus or keeper-1..keeper-"
            + shape.keepers()
            + (shape.embeddedPostgres() ? " or postgres" : ""));
  }
}

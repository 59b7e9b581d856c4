package io.spike.pilot.dev;

import io.spike.pilot.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process of the local cluster: {@code nexus} or {@code keeper-<N>}.
 *
 * @param name the name used for its log, pid file and SVID
 * @param mainClass the class the process runs
 * @param keeper the keeper number, 0 for Nexus
 */
public record Component(String name, String mainClass, int keeper) {
  static final String NEXUS_MAIN = "io.spike.nexus.NexusMain";
  static final String KEEPER_MAIN = "io.spike.keeper.KeeperMain";
  private static final Pattern KEEPER = Pattern.compile("keeper-(\\d{1,2})");

  public static Component nexus() {
    return new Component("nexus", NEXUS_MAIN, 0);
  }

  public static Component keeper(int n) {
    return new Component("keeper-" + n, KEEPER_MAIN, n);
  }

  public boolean isNexus() {
    return keeper == 0;
  }

  /** Every component of {@code shape}: keepers first, then Nexus (the start order). */
  public static List<Component> all(ClusterShape shape) {
    List<Component> all = new ArrayList<>();
    for (int n = 1; n <= shape.keepers(); n++) {
      all.add(keeper(n));
    }
    all.add(nexus());
    return all;
  }

  /** Parses {@code nexus} or {@code keeper-N} with N in 1..keepers. */
  public static Component parse(String text, int keepers) {
    if ("nexus".equals(text)) {
      return nexus();
    }
    Matcher m = KEEPER.matcher(text);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(1));
      if (n >= 1 && n <= keepers) {
        return keeper(n);
      }
    }
    throw new UsageException("'" + text + "' is not a component of this cluster; use nexus or keeper-1..keeper-"
        + keepers);
  }
}

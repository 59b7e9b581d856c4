package io.spike.pilot.bootstrap;

import io.spike.pilot.cli.NexusAddress;
import io.spike.pilot.cli.UsageException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What bootstrap needs from the environment: {@code SPIKE_NEXUS_API_URL} (default {@code
 * https://localhost:8553}), {@code SPIKE_NEXUS_KEEPER_PEERS} (comma-separated https URLs; keeper i
 * gets shard i; default the dev ports 8443, 8543, ... one per share), {@code
 * SPIKE_NEXUS_SHAMIR_SHARES} (3) and {@code SPIKE_NEXUS_SHAMIR_THRESHOLD} (2). The keeper count
 * must equal the shares.
 *
 * @param nexus the Nexus base URL
 * @param keepers keeper base URLs, in shard-id order
 * @param shares Shamir shares
 * @param threshold Shamir threshold
 */
public record BootstrapConfig(URI nexus, List<URI> keepers, int shares, int threshold) {
  public static final String PEERS_ENV = "SPIKE_NEXUS_KEEPER_PEERS";
  public static final String SHARES_ENV = "SPIKE_NEXUS_SHAMIR_SHARES";
  public static final String THRESHOLD_ENV = "SPIKE_NEXUS_SHAMIR_THRESHOLD";

  /**
   * Checks the Shamir parameters and the keeper count; a {@link UsageException} says what to fix.
   */
  public BootstrapConfig {
    keepers = List.copyOf(keepers);
    if (threshold < 1 || threshold > shares || shares > 255) {
      throw new UsageException(
          "need 1 <= "
              + THRESHOLD_ENV
              + " ("
              + threshold
              + ") <= "
              + SHARES_ENV
              + " ("
              + shares
              + ") <= 255");
    }
    if (keepers.size() != shares) {
      throw new UsageException(
          PEERS_ENV
              + " lists "
              + keepers.size()
              + " keepers but "
              + SHARES_ENV
              + " is "
              + shares
              + "; list one keeper per share");
    }
  }

  /** Reads and checks the variables in {@code env}. */
  public static BootstrapConfig fromEnvironment(Map<String, String> env) {
    int shares = number(env, SHARES_ENV, 3);
    int threshold = number(env, THRESHOLD_ENV, 2);
    String peers = env.getOrDefault(PEERS_ENV, "");
    List<URI> keepers = new ArrayList<>();
    if (peers.isBlank()) {
      for (int i = 1; i <= shares; i++) {
        keepers.add(URI.create("https://localhost:" + (8443 + 100 * (i - 1))));
      }
    } else {
      for (String peer : peers.split(",")) {
        if (!peer.isBlank()) {
          keepers.add(NexusAddress.parse(peer.trim(), PEERS_ENV));
        }
      }
    }
    return new BootstrapConfig(NexusAddress.from(env), keepers, shares, threshold);
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String text = env.getOrDefault(name, "").trim();
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, not '" + text + "'");
    }
  }
}

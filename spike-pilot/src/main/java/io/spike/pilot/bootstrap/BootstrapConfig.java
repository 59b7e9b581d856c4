package io.spike.pilot.bootstrap;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import java.net.URI;
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
  private static final String PEERS_ENV = Settings.KEEPER_PEERS.name();
  private static final String SHARES_ENV = Settings.SHAMIR_SHARES.name();
  private static final String THRESHOLD_ENV = Settings.SHAMIR_THRESHOLD.name();

  /**
   * Checks the Shamir parameters and the keeper count; a {@link SettingException} says what to fix.
   */
  public BootstrapConfig {
    keepers = List.copyOf(keepers);
    if (threshold < 1 || threshold > shares || shares > 255) {
      throw new SettingException(
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
      throw new SettingException(
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

  /**
   * Reads and checks the variables in {@code env}.
   *
   * @throws SettingException naming the variable to fix
   */
  public static BootstrapConfig fromEnvironment(Map<String, String> variables) {
    Environment env = Environment.of(variables);
    int shares = env.get(Settings.SHAMIR_SHARES);
    return new BootstrapConfig(
        env.get(Settings.NEXUS_API_URL),
        env.find(Settings.KEEPER_PEERS).orElseGet(() -> Settings.defaultKeeperPeers(shares)),
        shares,
        env.get(Settings.SHAMIR_THRESHOLD));
  }
}

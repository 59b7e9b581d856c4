package io.spike.keeper;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.SpiffeId;
import java.util.function.Function;

/**
 * The keeper's settings: where it listens and which trust domain its callers must belong to.
 *
 * @param host bind address ({@code SPIKE_KEEPER_TLS_ADDR}, default {@code 0.0.0.0})
 * @param port TLS port ({@code SPIKE_KEEPER_TLS_PORT}, default 8443; 0 picks a free port)
 * @param trustDomain {@code SPIKE_TRUST_ROOT}, default {@code spike.ist}
 */
public record KeeperConfig(String host, int port, String trustDomain) {

  /** Validates; a {@link SettingException} names the variable to fix. */
  public KeeperConfig {
    if (host == null || host.isBlank()) {
      throw Settings.KEEPER_TLS_ADDR.refuse("is empty");
    }
    if (port < 0 || port > 65535) {
      throw Settings.KEEPER_TLS_PORT.refuse("is out of range 0..65535");
    }
    try {
      SpiffeId.of(trustDomain, "/spike");
    } catch (RuntimeException e) {
      throw Settings.TRUST_ROOT.refuse("is not a valid trust domain name");
    }
  }

  /**
   * Reads the settings from {@code env} (e.g. {@code System::getenv}), with the defaults above.
   *
   * @throws SettingException naming the variable whose value is unusable
   */
  public static KeeperConfig fromEnvironment(Function<String, String> env) {
    Environment settings = Environment.of(env);
    return new KeeperConfig(
        settings.get(Settings.KEEPER_TLS_ADDR),
        settings.get(Settings.KEEPER_TLS_PORT),
        settings.get(Settings.TRUST_ROOT));
  }
}

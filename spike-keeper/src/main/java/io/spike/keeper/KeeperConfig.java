package io.spike.keeper;

import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.TrustRoots;
import java.util.Objects;
import java.util.function.Function;

/**
 * The keeper's settings: where it listens and which trust domains its callers may come from.
 *
 * @param host bind address ({@code SPIKE_KEEPER_TLS_ADDR}, default {@code 0.0.0.0})
 * @param port TLS port ({@code SPIKE_KEEPER_TLS_PORT}, default 8443; 0 picks a free port)
 * @param trust who is Nexus and who is bootstrap: {@code SPIKE_TRUST_ROOT} (default {@code
 *     spike.ist}), {@code SPIKE_TRUST_ROOT_NEXUS} and {@code SPIKE_TRUST_ROOT_BOOTSTRAP}
 */
public record KeeperConfig(String host, int port, TrustRoots trust) {

  /** Validates; a {@link SettingException} names the variable to fix. */
  public KeeperConfig {
    if (host == null || host.isBlank()) {
      throw Settings.KEEPER_TLS_ADDR.refuse("is empty");
    }
    if (port < 0 || port > 65535) {
      throw Settings.KEEPER_TLS_PORT.refuse("is out of range 0..65535");
    }
    Objects.requireNonNull(trust, "trust");
  }

  /** A keeper whose callers all live in the one trust domain {@code trustDomain}. */
  public KeeperConfig(String host, int port, String trustDomain) {
    this(host, port, single(trustDomain));
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
        TrustRoots.from(settings));
  }

  private static TrustRoots single(String trustDomain) {
    try {
      return TrustRoots.single(trustDomain);
    } catch (RuntimeException e) {
      throw Settings.TRUST_ROOT.refuse("is not a valid trust domain name");
    }
  }
}

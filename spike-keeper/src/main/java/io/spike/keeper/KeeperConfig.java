package io.spike.keeper;

import io.spike.identity.Role;
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
  public static final String PORT_ENV = "SPIKE_KEEPER_TLS_PORT";
  public static final String ADDR_ENV = "SPIKE_KEEPER_TLS_ADDR";

  /** Validates; an {@link IllegalArgumentException} says what to fix. */
  public KeeperConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          ADDR_ENV + " is empty; set a bind address such as 0.0.0.0");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(PORT_ENV + " must be a port number 0..65535, not " + port);
    }
    try {
      SpiffeId.of(trustDomain, "/spike");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          Role.TRUST_ROOT_ENV + " is not a valid trust domain: " + trustDomain);
    }
  }

  /** Reads the settings from {@code env} (e.g. {@code System::getenv}), with the defaults above. */
  public static KeeperConfig fromEnvironment(Function<String, String> env) {
    String host = orDefault(env.apply(ADDR_ENV), "0.0.0.0");
    String portText = orDefault(env.apply(PORT_ENV), "8443");
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          PORT_ENV + " must be a port number, not '" + portText + "'");
    }
    return new KeeperConfig(
        host, port, orDefault(env.apply(Role.TRUST_ROOT_ENV), Role.DEFAULT_TRUST_DOMAIN));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}

package io.spike.identity;

import io.spike.config.Environment;
import io.spike.config.Setting;
import io.spike.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes {@link SvidSource}s.
 *
 * <p>{@link #fromEnvironment()} is what every component calls at start-up: the Workload API when
 * {@code SPIFFE_ENDPOINT_SOCKET} is set (production, SPIRE), otherwise the PEM files named by
 * {@code SPIKE_SVID_CERT}, {@code SPIKE_SVID_KEY} and {@code SPIKE_TRUST_BUNDLE} (the embedded dev
 * CA).
 */
public final class SvidSources {

  private SvidSources() {}

  /**
   * The source the environment asks for (see class comment). The SVID's trust domain must equal
   * {@link Role#trustDomainFromEnv()}: otherwise no role would ever match, so this fails at
   * start-up instead.
   *
   * @throws IdentityException naming the missing variable, the unreadable file or the unreachable
   *     Workload API, and what to do about it
   * @throws io.spike.config.SettingException when {@code SPIKE_TRUST_ROOT} is not a trust domain
   */
  public static SvidSource fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * An SVID and bundle from PEM files, reloaded when a file's modification time, size or identity
   * changes (checked at most once a second, when the SVID is used). A change that does not load
   * keeps the previous SVID and logs a warning.
   *
   * @throws IdentityException naming the file that is missing, unreadable or invalid
   */
  public static SvidSource fromFiles(Path cert, Path key, Path bundle) {
    return FileSvidSource.open(cert, key, bundle, FileSvidSource.DEFAULT_CHECK_INTERVAL);
  }

  /** As {@link #fromFiles(Path, Path, Path)} with a given check interval (tests). */
  static SvidSource fromFiles(Path cert, Path key, Path bundle, Duration checkInterval) {
    return FileSvidSource.open(cert, key, bundle, checkInterval);
  }

  /**
   * An SVID and bundle from the Workload API at {@code socket} (e.g. {@code
   * unix:///run/spire/agent.sock}), kept current by java-spiffe. Blocks until the first SVID
   * arrives, at most 30 seconds.
   *
   * @throws IdentityException when the address is invalid or no SVID arrives in time
   */
  public static SvidSource fromWorkloadApi(String socket) {
    Objects.requireNonNull(socket, "socket");
    return WorkloadSvidSource.connect(socket, WorkloadSvidSource.DEFAULT_INIT_TIMEOUT);
  }

  static SvidSource fromEnvironment(Function<String, String> variables) {
    Environment env = Environment.of(variables);
    String trustDomain = env.get(Settings.TRUST_ROOT);
    Optional<String> socket = env.find(Settings.ENDPOINT_SOCKET);
    SvidSource source;
    if (socket.isPresent()) {
      source = fromWorkloadApi(socket.get());
    } else {
      source =
          fromFiles(
              path(env, Settings.SVID_CERT, "the SVID certificate PEM"),
              path(env, Settings.SVID_KEY, "the SVID private key PEM (PKCS#8)"),
              path(env, Settings.TRUST_BUNDLE, "the trust bundle PEM"));
    }
    requireTrustDomain(source, trustDomain);
    return source;
  }

  /**
   * Checks that {@code source}'s SVID is in {@code trustDomain} (the one {@code SPIKE_TRUST_ROOT}
   * names); otherwise closes the source and says which value to set.
   *
   * @throws IdentityException when the trust domains differ
   */
  public static void requireTrustDomain(SvidSource source, String trustDomain) {
    if (source.trustDomain().equals(trustDomain)) {
      return;
    }
    String actual = source.trustDomain();
    source.close();
    String name = Settings.TRUST_ROOT.name();
    throw new IdentityException(
        "the SVID is for trust domain "
            + actual
            + " but "
            + name
            + " is "
            + trustDomain
            + "; set "
            + name
            + "="
            + actual);
  }

  private static Path path(Environment env, Setting<Path> setting, String what) {
    return env.find(setting)
        .orElseThrow(
            () ->
                new IdentityException(
                    setting.name()
                        + " is not set: point it at "
                        + what
                        + " (or set "
                        + Settings.ENDPOINT_SOCKET.name()
                        + " to use the SPIFFE Workload API)"));
  }
}

package io.spike.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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

  /** Workload API address, e.g. {@code unix:///run/spire/agent.sock}. */
  public static final String ENDPOINT_SOCKET_ENV = "SPIFFE_ENDPOINT_SOCKET";

  /** PEM file with the SVID certificate (leaf first). */
  public static final String CERT_ENV = "SPIKE_SVID_CERT";

  /** PEM file with the SVID's PKCS#8 private key. */
  public static final String KEY_ENV = "SPIKE_SVID_KEY";

  /** PEM file with the trust bundle (CA certificates) of our trust domain. */
  public static final String BUNDLE_ENV = "SPIKE_TRUST_BUNDLE";

  private SvidSources() {}

  /**
   * The source the environment asks for (see class comment). The SVID's trust domain must equal
   * {@link Role#trustDomainFromEnv()}: otherwise no role would ever match, so this fails at
   * start-up instead.
   *
   * @throws IdentityException naming the missing variable, the unreadable file or the unreachable
   *     Workload API, and what to do about it
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

  static SvidSource fromEnvironment(Function<String, String> env) {
    String trustDomain = Role.trustDomainFrom(env);
    String socket = env.apply(ENDPOINT_SOCKET_ENV);
    SvidSource source;
    if (socket != null && !socket.isBlank()) {
      source = fromWorkloadApi(socket.trim());
    } else {
      source =
          fromFiles(
              path(env, CERT_ENV, "the SVID certificate PEM"),
              path(env, KEY_ENV, "the SVID private key PEM (PKCS#8)"),
              path(env, BUNDLE_ENV, "the trust bundle PEM"));
    }
    if (!source.trustDomain().equals(trustDomain)) {
      String actual = source.trustDomain();
      source.close();
      throw new IdentityException(
          "the SVID is for trust domain "
              + actual
              + " but "
              + Role.TRUST_ROOT_ENV
              + " is "
              + trustDomain
              + "; set "
              + Role.TRUST_ROOT_ENV
              + "="
              + actual);
    }
    return source;
  }

  private static Path path(Function<String, String> env, String name, String what) {
    String value = env.apply(name);
    if (value == null || value.isBlank()) {
      throw new IdentityException(
          name
              + " is not set: point it at "
              + what
              + " (or set "
              + ENDPOINT_SOCKET_ENV
              + " to use the SPIFFE Workload API)");
    }
    return Path.of(value.trim());
  }
}

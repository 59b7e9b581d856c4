package io.spike.identity;

import io.spike.config.Environment;
import io.spike.config.Setting;
import io.spike.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link SvidSource}s.
 *
 * <p>{@link #fromEnvironment()} is what every component calls at start-up: the Workload API when
 * {@code SPIFFE_ENDPOINT_SOCKET} is set (production, SPIRE), otherwise the PEM files named by
 * {@code SPIKE_SVID_CERT}, {@code SPIKE_SVID_KEY} and {@code SPIKE_TRUST_BUNDLE} (the embedded dev
 * CA).
 */
public final class SvidSources {

  private static final Logger LOG = LoggerFactory.getLogger(SvidSources.class);

  private SvidSources() {}

  /**
   * The source the environment asks for (see class comment). The SVID's trust domain must be one
   * that {@code SPIKE_TRUST_ROOT} or a {@code SPIKE_TRUST_ROOT_*} list names ({@link TrustRoots}):
   * otherwise no peer would ever accept it, so this fails at start-up instead.
   *
   * @throws IdentityException naming the missing variable, the unreadable file or the unreachable
   *     Workload API, and what to do about it
   * @throws io.spike.config.SettingException when {@code SPIKE_TRUST_ROOT} or a list is invalid
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

  /**
   * As {@link #fromFiles(Path, Path, Path)}, with the CA bundles of federated trust domains ({@code
   * SPIKE_FEDERATED_BUNDLES}: trust domain name to PEM file), each used only for IDs of its own
   * domain and reloaded with the others.
   *
   * @throws IdentityException naming the file that is missing, unreadable or invalid, or when a
   *     federated bundle is given for the SVID's own trust domain
   */
  public static SvidSource fromFiles(
      Path cert, Path key, Path bundle, Map<String, Path> federatedBundles) {
    return FileSvidSource.open(
        cert, key, bundle, federatedBundles, FileSvidSource.DEFAULT_CHECK_INTERVAL);
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

  /**
   * {@code source} as a server should use it: rotations of its SVID for the same SPIFFE ID are
   * served at once, but an SVID for a different ID is not adopted (that would change the server's
   * role); the last SVID for the original ID is kept and a warning is logged. Closing the result
   * closes {@code source}.
   */
  public static SvidSource pinned(SvidSource source) {
    Objects.requireNonNull(source, "source");
    return source instanceof PinnedSvidSource ? source : new PinnedSvidSource(source);
  }

  static SvidSource fromEnvironment(Function<String, String> variables) {
    Environment env = Environment.of(variables);
    TrustRoots trust = TrustRoots.from(env);
    Optional<String> socket = env.find(Settings.ENDPOINT_SOCKET);
    SvidSource source;
    if (socket.isPresent()) {
      if (env.isSet(Settings.FEDERATED_BUNDLES)) {
        LOG.warn(
            "{} is ignored: with {} set, federated bundles come from the Workload API",
            Settings.FEDERATED_BUNDLES.name(),
            Settings.ENDPOINT_SOCKET.name());
      }
      source = fromWorkloadApi(socket.get());
    } else {
      source =
          fromFiles(
              path(env, Settings.SVID_CERT, "the SVID certificate PEM"),
              path(env, Settings.SVID_KEY, "the SVID private key PEM (PKCS#8)"),
              path(env, Settings.TRUST_BUNDLE, "the trust bundle PEM"),
              env.find(Settings.FEDERATED_BUNDLES).orElse(Map.of()));
    }
    requireTrustDomain(source, trust);
    return source;
  }

  /**
   * Checks that {@code source}'s SVID is in {@code trustDomain} (the one {@code SPIKE_TRUST_ROOT}
   * names); otherwise closes the source and says which value to set.
   *
   * @throws IdentityException when the trust domains differ
   */
  public static void requireTrustDomain(SvidSource source, String trustDomain) {
    requireTrustDomain(source, TrustRoots.single(trustDomain));
  }

  /**
   * Checks that {@code source}'s SVID is in a trust domain {@code trust} names ({@code
   * SPIKE_TRUST_ROOT} or one of the {@code SPIKE_TRUST_ROOT_*} lists): otherwise no peer would ever
   * accept it, so this closes the source and says which value to set.
   *
   * @throws IdentityException when the SVID's trust domain is not named
   */
  public static void requireTrustDomain(SvidSource source, TrustRoots trust) {
    if (trust.all().contains(source.trustDomain())) {
      return;
    }
    String actual = source.trustDomain();
    source.close();
    String name = Settings.TRUST_ROOT.name();
    if (trust.all().size() == 1) {
      throw new IdentityException(
          "the SVID is for trust domain "
              + actual
              + " but "
              + name
              + " is "
              + trust.workloads()
              + "; set "
              + name
              + "="
              + actual);
    }
    throw new IdentityException(
        "the SVID is for trust domain "
            + actual
            + " but "
            + name
            + " and the "
            + name
            + "_* lists name only "
            + String.join(", ", trust.all())
            + "; add "
            + actual
            + " to the list of this component's role");
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

package io.spike.pilot.cli;

import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.identity.IdentityException;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The production connector: identity from {@code SPIKE_SVID_CERT}, {@code SPIKE_SVID_KEY} and
 * {@code SPIKE_TRUST_BUNDLE} (or the Workload API when {@code SPIFFE_ENDPOINT_SOCKET} is set),
 * Nexus at {@code SPIKE_NEXUS_API_URL}.
 *
 * <p>The TLS context accepts only a server whose SPIFFE ID holds the nexus role in our trust
 * domain: talking to anything else fails the handshake.
 */
public final class EnvNexusConnector implements NexusConnector {
  /** The SVID file variables, in the order messages name them. */
  public static final List<String> SVID_ENV =
      List.of("SPIKE_SVID_CERT", "SPIKE_SVID_KEY", "SPIKE_TRUST_BUNDLE");

  static final String WORKLOAD_API_ENV = "SPIFFE_ENDPOINT_SOCKET";

  /** The message when no identity is configured. */
  public static final String NO_IDENTITY =
      "no SPIFFE identity: set SPIKE_SVID_CERT, SPIKE_SVID_KEY and "
          + "SPIKE_TRUST_BUNDLE (try: eval \"$(./spike dev env)\")";

  private final Map<String, String> env;

  public EnvNexusConnector(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public NexusSession open() {
    URI url = NexusAddress.from(env);
    checkIdentityConfigured();
    SvidSource source = loadIdentity();
    try {
      SSLContext ssl =
          TlsContexts.client(source, TlsContexts.role(Role.NEXUS, source.trustDomain()));
      NexusClient client = new NexusClient(new SpikeHttp(url, ssl));
      return new NexusSession(client, source.id().toString(), url, source);
    } catch (RuntimeException e) {
      source.close();
      throw new CliFailure("cannot set up mTLS with the SPIFFE identity: " + e.getMessage());
    }
  }

  /** Like {@link SvidSources#fromEnvironment()}, but from this connector's environment. */
  private SvidSource loadIdentity() {
    SvidSource source;
    try {
      String socket = env.get(WORKLOAD_API_ENV);
      source =
          blank(socket)
              ? SvidSources.fromFiles(
                  Path.of(env.get(SVID_ENV.get(0)).trim()),
                  Path.of(env.get(SVID_ENV.get(1)).trim()),
                  Path.of(env.get(SVID_ENV.get(2)).trim()))
              : SvidSources.fromWorkloadApi(socket.trim());
    } catch (IdentityException e) {
      throw new CliFailure("cannot load the SPIFFE identity: " + e.getMessage());
    }
    String wanted = env.get(Role.TRUST_ROOT_ENV);
    if (!blank(wanted) && !wanted.trim().equals(source.trustDomain())) {
      String actual = source.trustDomain();
      source.close();
      throw new CliFailure(
          "the SVID is for trust domain "
              + actual
              + " but "
              + Role.TRUST_ROOT_ENV
              + " is "
              + wanted.trim()
              + "; set "
              + Role.TRUST_ROOT_ENV
              + "="
              + actual
              + " or unset it");
    }
    return source;
  }

  private void checkIdentityConfigured() {
    if (!blank(env.get(WORKLOAD_API_ENV))) {
      return;
    }
    for (String name : SVID_ENV) {
      if (blank(env.get(name))) {
        throw new CliFailure(NO_IDENTITY);
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

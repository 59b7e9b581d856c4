package io.spike.pilot.cli;

import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.config.Environment;
import io.spike.config.Setting;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.IdentityException;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.identity.TrustRoots;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The production connector: identity from {@code SPIKE_SVID_CERT}, {@code SPIKE_SVID_KEY} and
 * {@code SPIKE_TRUST_BUNDLE} (or the Workload API when {@code SPIFFE_ENDPOINT_SOCKET} is set),
 * Nexus at {@code SPIKE_NEXUS_API_URL}.
 *
 * <p>The TLS context accepts only a server whose SPIFFE ID holds the nexus role: {@code
 * spiffe://<td>/spike/nexus} of a trust domain in {@code SPIKE_TRUST_ROOT_NEXUS} (default: {@code
 * SPIKE_TRUST_ROOT}, or our own SVID's domain when that is unset), its chain validating against the
 * bundle of its own domain. Talking to anything else fails the handshake.
 */
public final class EnvNexusConnector implements NexusConnector {
  /** The SVID file settings, in the order messages name them. */
  private static final List<Setting<Path>> SVID_FILES =
      List.of(Settings.SVID_CERT, Settings.SVID_KEY, Settings.TRUST_BUNDLE);

  /** The message when no identity is configured. */
  public static final String NO_IDENTITY =
      "no SPIFFE identity: set "
          + Settings.SVID_CERT.name()
          + ", "
          + Settings.SVID_KEY.name()
          + " and "
          + Settings.TRUST_BUNDLE.name()
          + " (try: eval \"$(./spike dev env)\")";

  private final Map<String, String> variables;

  public EnvNexusConnector(Map<String, String> env) {
    this.variables = Map.copyOf(env);
  }

  @Override
  public NexusSession open() {
    Environment env = Environment.of(variables);
    URI url = env.get(Settings.NEXUS_API_URL);
    checkIdentityConfigured(env);
    SvidSource source = loadIdentity(env);
    try {
      TrustRoots trust = TrustRoots.from(env, source);
      SSLContext ssl = TlsContexts.client(source, trust, trust.role(Role.NEXUS));
      NexusClient client = new NexusClient(SpikeHttp.blocking(url, ssl));
      return new NexusSession(client, source.id().toString(), url, source);
    } catch (SettingException e) {
      source.close();
      throw e;
    } catch (RuntimeException e) {
      source.close();
      throw new CliFailure("cannot set up mTLS with the SPIFFE identity: " + e.getMessage());
    }
  }

  /** Like {@link SvidSources#fromEnvironment()}, but from this connector's environment. */
  private static SvidSource loadIdentity(Environment env) {
    SvidSource source;
    try {
      Optional<String> socket = env.find(Settings.ENDPOINT_SOCKET);
      source =
          socket.isEmpty()
              ? SvidSources.fromFiles(
                  env.get(Settings.SVID_CERT),
                  env.get(Settings.SVID_KEY),
                  env.get(Settings.TRUST_BUNDLE),
                  env.find(Settings.FEDERATED_BUNDLES).orElse(Map.of()))
              : SvidSources.fromWorkloadApi(socket.get());
    } catch (IdentityException e) {
      throw new CliFailure("cannot load the SPIFFE identity: " + e.getMessage());
    }
    if (env.isSet(Settings.TRUST_ROOT)) {
      try {
        SvidSources.requireTrustDomain(source, TrustRoots.from(env));
      } catch (IdentityException e) {
        throw new CliFailure(e.getMessage() + " or unset it");
      } catch (RuntimeException e) {
        source.close();
        throw e;
      }
    }
    return source;
  }

  private static void checkIdentityConfigured(Environment env) {
    if (env.isSet(Settings.ENDPOINT_SOCKET)) {
      return;
    }
    for (Setting<Path> file : SVID_FILES) {
      if (!env.isSet(file)) {
        throw new CliFailure(NO_IDENTITY);
      }
    }
  }
}

package io.spike.pilot;

import io.spike.api.KeeperClient;
import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.config.Environment;
import io.spike.config.SettingException;
import io.spike.config.Settings;
import io.spike.identity.IdentityException;
import io.spike.identity.Role;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.identity.TrustRoots;
import io.spike.pilot.bootstrap.Bootstrap;
import io.spike.pilot.bootstrap.BootstrapConfig;
import io.spike.pilot.bootstrap.Sleeper;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The {@code bootstrap} entry point ({@code bin/bootstrap}): seeds the keepers with shards of a new
 * root key and waits for Nexus to prove it rebuilt it (see {@link Bootstrap}). Identity: the
 * bootstrap SVID from the usual variables. It only talks to a server whose SPIFFE ID is Nexus's,
 * and to keepers whose IDs are keepers'.
 *
 * <p>Exit codes: 0 done ({@code bootstrap complete}), 1 refused or failed (e.g. Nexus already has a
 * root key), 2 bad configuration. One line on stderr per failure.
 */
public final class BootstrapMain {
  private BootstrapMain() {}

  public static void main(String[] args) {
    CliLogging.quiet(System.getenv());
    System.exit(
        run(System.getenv(), System.out, System.err, Sleeper.REAL, SvidSources::fromEnvironment));
  }

  /** Reads the environment, wires the clients and runs bootstrap; returns the exit code. */
  static int run(
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      Sleeper sleeper,
      Supplier<SvidSource> identity) {
    BootstrapConfig config;
    try {
      config = BootstrapConfig.fromEnvironment(env);
    } catch (SettingException | UsageException e) {
      err.println("bootstrap: " + e.getMessage());
      return 2;
    }
    try (SvidSource source = identity.get()) {
      TrustRoots trust = TrustRoots.from(Environment.of(env), source);
      SSLContext toNexus = TlsContexts.client(source, trust, trust.role(Role.NEXUS));
      SSLContext toKeepers = TlsContexts.client(source, trust, trust.role(Role.KEEPER));
      NexusClient nexus = new NexusClient(new SpikeHttp(config.nexus(), toNexus));
      List<Bootstrap.KeeperTarget> keepers = new ArrayList<>();
      for (URI url : config.keepers()) {
        keepers.add(
            new Bootstrap.KeeperTarget(url, new KeeperClient(new SpikeHttp(url, toKeepers))));
      }
      out.println(
          "bootstrap: "
              + source.id()
              + " seeding "
              + keepers.size()
              + " keepers for Nexus at "
              + config.nexus());
      new Bootstrap(nexus, keepers, config.threshold(), new SecureRandom(), sleeper, out).run();
      return 0;
    } catch (SettingException e) {
      err.println("bootstrap: " + e.getMessage());
      return 2;
    } catch (IdentityException e) {
      err.println("bootstrap: no usable SPIFFE identity: " + e.getMessage());
      return 1;
    } catch (CliFailure e) {
      err.println("bootstrap: " + e.getMessage());
      if (Environment.of(env).get(Settings.DEBUG)) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }
}

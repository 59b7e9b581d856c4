package io.spike.keeper;

import io.spike.config.Environment;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.server.LogFormat;
import io.spike.server.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the keeper process. Reads {@link KeeperConfig} and the SVID from the environment,
 * starts {@link KeeperServer}, and runs until the JVM is asked to stop. Bad configuration ends the
 * process with one line on stderr and exit code 1.
 */
public final class KeeperMain {
  private static final Logger LOG = LoggerFactory.getLogger(KeeperMain.class);

  private KeeperMain() {}

  public static void main(String[] args) {
    KeeperServer server;
    SvidSource svid;
    try {
      LogFormat.apply(Environment.system());
      KeeperConfig config = KeeperConfig.fromEnvironment(System::getenv);
      svid = SvidSources.fromEnvironment();
      server = new KeeperServer(config, svid).start();
      LOG.info("keeper {} listening on https://{}:{}", svid.id(), config.host(), server.port());
    } catch (RuntimeException e) {
      System.err.println("keeper: " + e.getMessage());
      System.exit(1);
      return;
    }
    Shutdown.onTerm(
            "keeper-shutdown",
            () -> {
              server.stop();
              svid.close();
            })
        .await();
  }
}

package io.spike.pilot.dev;

import io.spike.config.EnvBuilder;
import io.spike.config.Parser.HostPort;
import io.spike.config.Settings;
import java.net.URI;
import java.util.Map;

/**
 * The environment of each process {@code spike dev} starts: the caller's own (so {@code
 * SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL=2s ./spike dev up} reaches Nexus) without {@code
 * SPIFFE_ENDPOINT_SOCKET} (dev identities are files), plus the component's SVID files, trust
 * domain, loopback address and port. With the embedded PostgreSQL, Nexus gets its JDBC URL
 * (replacing any {@code SPIKE_NEXUS_DB_URL} of the caller: the cluster's data is in {@code
 * D/postgres}).
 */
final class ComponentEnv {
  static final String LOOPBACK = "127.0.0.1";
  static final int NEXUS_PORT = 8553;
  static final int OPS_PORT = 8554;
  static final String OPS_ADDR = LOOPBACK + ":" + OPS_PORT;

  private final DevLayout layout;
  private final ClusterShape shape;
  private final Map<String, String> caller;

  ComponentEnv(DevLayout layout, ClusterShape shape, Map<String, String> caller) {
    this.layout = layout;
    this.shape = shape;
    this.caller = Map.copyOf(caller);
  }

  /** The environment of {@code component}. */
  Map<String, String> of(Component component) {
    if (component.isPostgres()) {
      return new EnvBuilder(caller)
          .remove(Settings.ENDPOINT_SOCKET)
          .set(Settings.DEV_POSTGRES_DATA, layout.postgres())
          .set(Settings.DEV_POSTGRES_PORT, ClusterShape.POSTGRES_PORT)
          .build();
    }
    if (component.isKeeper()) {
      return base(component.name())
          .set(Settings.KEEPER_TLS_ADDR, LOOPBACK)
          .set(Settings.KEEPER_TLS_PORT, ClusterShape.keeperPort(component.keeper()))
          .build();
    }
    EnvBuilder env =
        shamir(base("nexus"))
            .set(Settings.NEXUS_TLS_ADDR, LOOPBACK)
            .set(Settings.NEXUS_TLS_PORT, NEXUS_PORT)
            .set(Settings.NEXUS_OPS_ADDR, new HostPort(LOOPBACK, OPS_PORT))
            .set(Settings.DATA_DIR, layout.data())
            .set(Settings.BACKEND_STORE, shape.backend());
    if (shape.embeddedPostgres()) {
      env.set(Settings.DB_URL, ClusterShape.embeddedPostgresUrl());
    }
    return env.build();
  }

  /** The environment of the bootstrap job. */
  Map<String, String> bootstrap() {
    return shamir(base("bootstrap"))
        .set(Settings.NEXUS_API_URL, URI.create(ExportLines.NEXUS_URL))
        .build();
  }

  private EnvBuilder shamir(EnvBuilder env) {
    return env.set(Settings.KEEPER_PEERS, Settings.defaultKeeperPeers(shape.keepers()))
        .set(Settings.SHAMIR_SHARES, shape.keepers())
        .set(Settings.SHAMIR_THRESHOLD, shape.threshold());
  }

  private EnvBuilder base(String identity) {
    return new EnvBuilder(caller)
        .remove(Settings.ENDPOINT_SOCKET)
        .set(Settings.TRUST_ROOT, shape.trustDomain())
        .set(Settings.SVID_CERT, layout.cert(identity))
        .set(Settings.SVID_KEY, layout.key(identity))
        .set(Settings.TRUST_BUNDLE, layout.bundle());
  }
}

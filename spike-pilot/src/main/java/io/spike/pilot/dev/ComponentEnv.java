package io.spike.pilot.dev;

import java.util.HashMap;
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
      Map<String, String> env = new HashMap<>(caller);
      env.remove("SPIFFE_ENDPOINT_SOCKET");
      env.put(DevPostgresMain.DATA_ENV, layout.postgres().toString());
      env.put(DevPostgresMain.PORT_ENV, String.valueOf(ClusterShape.POSTGRES_PORT));
      return env;
    }
    if (component.isKeeper()) {
      Map<String, String> env = base(component.name());
      env.put("SPIKE_KEEPER_TLS_ADDR", LOOPBACK);
      env.put("SPIKE_KEEPER_TLS_PORT", String.valueOf(ClusterShape.keeperPort(component.keeper())));
      return env;
    }
    Map<String, String> env = base("nexus");
    env.put("SPIKE_NEXUS_TLS_ADDR", LOOPBACK);
    env.put("SPIKE_NEXUS_TLS_PORT", String.valueOf(NEXUS_PORT));
    env.put("SPIKE_NEXUS_OPS_ADDR", OPS_ADDR);
    shamir(env);
    env.put("SPIKE_NEXUS_DATA_DIR", layout.data().toString());
    env.put("SPIKE_NEXUS_BACKEND_STORE", shape.backend());
    if (shape.embeddedPostgres()) {
      env.put(DevShapeResolver.DB_URL_ENV, ClusterShape.embeddedPostgresUrl());
    }
    return env;
  }

  /** The environment of the bootstrap job. */
  Map<String, String> bootstrap() {
    Map<String, String> env = base("bootstrap");
    env.put("SPIKE_NEXUS_API_URL", ExportLines.NEXUS_URL);
    shamir(env);
    return env;
  }

  private void shamir(Map<String, String> env) {
    env.put("SPIKE_NEXUS_KEEPER_PEERS", String.join(",", shape.keeperUrls()));
    env.put("SPIKE_NEXUS_SHAMIR_SHARES", String.valueOf(shape.keepers()));
    env.put("SPIKE_NEXUS_SHAMIR_THRESHOLD", String.valueOf(shape.threshold()));
  }

  private Map<String, String> base(String identity) {
    Map<String, String> env = new HashMap<>(caller);
    env.remove("SPIFFE_ENDPOINT_SOCKET");
    env.put("SPIKE_TRUST_ROOT", shape.trustDomain());
    env.put("SPIKE_SVID_CERT", layout.cert(identity).toString());
    env.put("SPIKE_SVID_KEY", layout.key(identity).toString());
    env.put("SPIKE_TRUST_BUNDLE", layout.bundle().toString());
    return env;
  }
}

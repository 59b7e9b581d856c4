package io.spike.nexus;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.spiffe.spiffeid.TrustDomain;
import io.spike.api.NexusClient;
import io.spike.api.Routes;
import io.spike.identity.DevCa;
import io.spike.identity.FakeSpireAgent;
import io.spike.identity.PeerIdentity;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.server.RawHttpsConnection;
import io.spike.store.StoreConfig;
import io.spike.testkit.LogCapture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4 of issue 12: every SVID comes from the SPIFFE Workload API (one {@link
 * FakeSpireAgent} per workload, a real gRPC server on a UNIX socket, read by the same source {@code
 * SPIFFE_ENDPOINT_SOCKET} selects), and the agents rotate them under a running Nexus and keepers.
 */
class SvidRotationTest {

  private static final String TD = NexusTestCluster.TD;
  private static final String NEXUS_PATH = Role.NEXUS.path();
  private static final byte[] GET_ROTATED =
      "{\"path\":\"apps/rotated\"}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private final Map<String, FakeSpireAgent> agents = new ConcurrentHashMap<>();
  private NexusTestCluster cluster;

  @AfterEach
  void tearDown() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    for (FakeSpireAgent agent : agents.values()) {
      agent.close();
    }
  }

  @Test
  void everySvidRotates_whileServing_sameServers_openConnectionKept_newHandshakesSeeNewSvids()
      throws Exception {
    startCluster();
    NexusServer nexus = cluster.nexus();
    NexusClient superuser = cluster.client(cluster.superuser());
    superuser.putSecret("apps/rotated", Map.of("v", "before"));
    BigInteger nexusBefore = serial(cluster.svid(NEXUS_PATH));

    try (RawHttpsConnection open = connectAsSuperuser()) {
      assertThat(open.post(Routes.SECRETS + "?action=get", GET_ROTATED).text()).contains("before");
      assertThat(peerSerial(open.session())).isEqualTo(nexusBefore);

      // A CA rollover as SPIRE does it: the new CA joins the bundle, every SVID is reissued by it
      // (new keys, new serials), then the old CA leaves the bundle. From then on a handshake
      // succeeds only between parties that both use the new SVIDs.
      DevCa next = DevCa.create(tmp.resolve("next-ca"), TD);
      Map<String, BigInteger> before = serials();
      for (FakeSpireAgent agent : agents.values()) {
        agent.rotate(next, List.of(cluster.ca(), next));
      }
      await("every source holds its new SVID", () -> allChanged(before));
      for (FakeSpireAgent agent : agents.values()) {
        agent.rebundle(List.of(next));
      }
      await("every source dropped the old CA", this::oldCaRetired);
      BigInteger nexusAfter = serial(cluster.svid(NEXUS_PATH));
      assertThat(nexusAfter).isNotEqualTo(nexusBefore);

      // The connection opened before the rotation still works, on its first handshake.
      assertThat(open.post(Routes.SECRETS + "?action=get", GET_ROTATED).text()).contains("before");
      assertThat(peerSerial(open.session())).isEqualTo(nexusBefore);

      // A new handshake sees the new certificate, issued by the new CA.
      try (RawHttpsConnection fresh = connectAsSuperuser()) {
        assertThat(peerSerial(fresh.session())).isEqualTo(nexusAfter);
        X509Certificate leaf = (X509Certificate) fresh.session().getPeerCertificates()[0];
        leaf.verify(next.certificate().getPublicKey());
        assertThat(PeerIdentity.fromSession(fresh.session())).contains(SpiffeId.of(TD, NEXUS_PATH));
      }
    }

    // Same server object, still serving: writes and reads after the rotation.
    assertThat(cluster.nexus()).isSameAs(nexus);
    superuser.putSecret("apps/rotated", Map.of("v", "after"));
    assertThat(superuser.getSecret("apps/rotated", 0).data()).containsEntry("v", "after");

    // Nexus -> keeper with the new SVIDs only: keeper 1 restarts empty (same source, already
    // rotated) and gets its shard back from Nexus's periodic push, a handshake in which Nexus
    // presents its new SVID and accepts the keeper's.
    cluster.stopKeeper(1);
    cluster.startKeeper(1);
    await("Nexus pushed keeper 1 its shard", () -> cluster.keeperShard(1).isPresent());
    cluster.awaitReady();
  }

  @Test
  void rotationToAnotherId_isNotAdopted_theLastSvidIsKept_andAWarningLogged() throws Exception {
    startCluster();
    cluster.client(cluster.superuser()).putSecret("apps/rotated", Map.of("v", "kept"));
    BigInteger kept;
    try (RawHttpsConnection first = connectAsSuperuser()) {
      kept = peerSerial(first.session());
    }
    SpiffeId other = SpiffeId.of(TD, "/spike/other");

    try (LogCapture logs = LogCapture.start()) {
      agents.get(NEXUS_PATH).rotate(other);
      await("the source offers the other ID", () -> cluster.svid(NEXUS_PATH).id().equals(other));

      try (RawHttpsConnection fresh = connectAsSuperuser()) {
        assertThat(PeerIdentity.fromSession(fresh.session())).contains(SpiffeId.of(TD, NEXUS_PATH));
        assertThat(peerSerial(fresh.session())).isEqualTo(kept);
        assertThat(fresh.post(Routes.SECRETS + "?action=get", GET_ROTATED).text()).contains("kept");
      }
      assertThat(logs.events())
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .anySatisfy(
              e ->
                  assertThat(e.getFormattedMessage())
                      .contains("now offers " + other)
                      .contains("runs as " + SpiffeId.of(TD, NEXUS_PATH)));
    }

    // Back to its own ID: adopted at once (a new serial).
    agents.get(NEXUS_PATH).rotate(SpiffeId.of(TD, NEXUS_PATH));
    await(
        "the source offers Nexus's ID again",
        () -> cluster.svid(NEXUS_PATH).id().equals(SpiffeId.of(TD, NEXUS_PATH)));
    try (RawHttpsConnection fresh = connectAsSuperuser()) {
      assertThat(peerSerial(fresh.session())).isNotEqualTo(kept);
    }
  }

  private void startCluster() {
    cluster =
        NexusTestCluster.start(
            tmp.resolve("cluster"),
            new StoreConfig.Memory(),
            Map.of("SPIKE_NEXUS_KEEPER_UPDATE_INTERVAL", "200ms"),
            this::fromAgent);
    cluster.seedKeepers();
    cluster.awaitReady();
  }

  /** What SPIFFE_ENDPOINT_SOCKET selects: a Workload API source, here on this ID's own agent. */
  private SvidSource fromAgent(DevCa ca, SpiffeId id) {
    try {
      Path scratch = Files.createDirectories(tmp.resolve("agent-files"));
      Path socket = tmp.resolve("agent-" + agents.size() + ".sock");
      agents.put(id.path(), new FakeSpireAgent(socket, ca, scratch, id));
      return SvidSources.fromWorkloadApi("unix://" + socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RawHttpsConnection connectAsSuperuser() throws IOException {
    return new RawHttpsConnection(
        TlsContexts.client(cluster.superuser(), TlsContexts.role(Role.NEXUS, TD)),
        cluster.nexus().port());
  }

  private Map<String, BigInteger> serials() {
    Map<String, BigInteger> serials = new ConcurrentHashMap<>();
    agents.keySet().forEach(path -> serials.put(path, serial(cluster.svid(path))));
    return serials;
  }

  private boolean allChanged(Map<String, BigInteger> before) {
    return before.entrySet().stream()
        .allMatch(e -> !serial(cluster.svid(e.getKey())).equals(e.getValue()));
  }

  private boolean oldCaRetired() {
    return agents.keySet().stream()
        .allMatch(
            path -> {
              try {
                return cluster
                        .svid(path)
                        .x509Source()
                        .getBundleForTrustDomain(TrustDomain.parse(TD))
                        .getX509Authorities()
                        .size()
                    == 1;
              } catch (Exception e) {
                return false;
              }
            });
  }

  private static BigInteger serial(SvidSource source) {
    return source.x509Source().getX509Svid().getLeaf().getSerialNumber();
  }

  private static BigInteger peerSerial(SSLSession session) throws SSLPeerUnverifiedException {
    return ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      NexusTestCluster.sleep(50);
    }
  }
}

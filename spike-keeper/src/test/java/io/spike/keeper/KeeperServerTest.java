package io.spike.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.KeeperClient;
import io.spike.api.Routes;
import io.spike.api.SpikeHttp;
import io.spike.api.wire.Empty;
import io.spike.api.wire.ShardValue;
import io.spike.identity.DevCa;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.identity.Svid;
import io.spike.identity.SvidSource;
import io.spike.identity.SvidSources;
import io.spike.identity.TlsContexts;
import io.spike.identity.TrustRoots;
import io.spike.server.DevSvids;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class KeeperServerTest {
  private static final String TD = "spike.ist";

  @TempDir static Path dir;
  private static DevCa ca;
  private static final List<SvidSource> sources = new ArrayList<>();
  private static SvidSource keeperSvid;

  private KeeperServer keeper;
  private ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void createCa() {
    ca = DevCa.create(dir.resolve("ca"), TD);
    keeperSvid = svid("/spike/keeper/1");
  }

  @AfterAll
  static void closeSources() {
    sources.forEach(SvidSource::close);
  }

  @BeforeEach
  void startKeeper() {
    logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    ((Logger) LoggerFactory.getLogger("io.spike")).setLevel(Level.DEBUG);
    keeper = new KeeperServer(new KeeperConfig("127.0.0.1", 0, TD), keeperSvid).start();
  }

  @AfterEach
  void stopKeeper() {
    keeper.stop();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private static SvidSource svid(String path) {
    SvidSource source = DevSvids.issue(ca, dir, TD, path);
    sources.add(source);
    return source;
  }

  private static final SvidSourceHolder NEXUS = new SvidSourceHolder(Role.NEXUS.path());
  private static final SvidSourceHolder BOOTSTRAP = new SvidSourceHolder(Role.BOOTSTRAP.path());
  private static final SvidSourceHolder SUPERUSER = new SvidSourceHolder(Role.SUPERUSER.path());

  /** Issues its SVID on first use (the CA exists only after {@code @BeforeAll}). */
  private static final class SvidSourceHolder {
    private final String path;
    private SvidSource source;

    SvidSourceHolder(String path) {
      this.path = path;
    }

    synchronized SvidSource get() {
      if (source == null) {
        source = svid(path);
      }
      return source;
    }
  }

  private SpikeHttp http(SvidSourceHolder as) {
    return new SpikeHttp(
        URI.create("https://127.0.0.1:" + keeper.port()),
        TlsContexts.client(as.get(), TlsContexts.role(Role.KEEPER, TD)));
  }

  private KeeperClient client(SvidSourceHolder as) {
    return new KeeperClient(http(as));
  }

  private static byte[] randomShard() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    b[0] &= 0x7f; // keep it a valid scalar
    return b;
  }

  /**
   * Refusals decided before the body is read (unknown route, wrong method, wrong caller) with a
   * body that arrives after its headers: the keeper reads the body first, so the keep-alive
   * connection then carries the next request (Nexus pools its keeper connections).
   */
  @Test
  void earlyRefusal_withALateBody_leavesTheConnectionUsable() throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    for (String[] c :
        new String[][] {{"/v1/nowhere", "404"}, {io.spike.api.Routes.KEEPER_SHARD, "401"}}) {
      SvidSourceHolder as = c[1].equals("401") ? BOOTSTRAP : NEXUS;
      try (io.spike.server.RawHttpsConnection connection =
          new io.spike.server.RawHttpsConnection(
              TlsContexts.client(as.get(), TlsContexts.role(Role.KEEPER, TD)), keeper.port())) {
        connection.postHeaders(c[0], body.length);
        Thread.sleep(200);
        connection.write(body);
        io.spike.server.RawHttpsConnection.Response first = connection.read();
        assertThat(first.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
        assertThat(first.headers()).as(c[0]).doesNotContainKey("connection");
        assertThat(connection.post("/v1/nowhere", body).status())
            .as(c[0] + " then reuse")
            .isEqualTo(404);
      }
    }
  }

  @Test
  void nexus_contributesThenReadsBack() {
    byte[] shard = randomShard();
    client(NEXUS).contribute(ShardValue.ofBytes(shard));
    assertThat(client(NEXUS).shard()).contains(ShardValue.ofBytes(shard));
  }

  @Test
  void contribute_again_replacesShard() {
    byte[] first = randomShard();
    byte[] second = randomShard();
    client(NEXUS).contribute(ShardValue.ofBytes(first));
    client(NEXUS).contribute(ShardValue.ofBytes(second));
    assertThat(client(NEXUS).shard()).contains(ShardValue.ofBytes(second));
  }

  /**
   * Nexus lives in a federated trust domain (nexus.example, SPIKE_TRUST_ROOT_NEXUS), operators in
   * another (ops.example, SPIKE_TRUST_ROOT_PILOT): over real mTLS, only the Nexus ID of
   * nexus.example gets the shard; a Nexus path in the pilots' domain, or in the trust root (no
   * longer a Nexus domain), is refused and changes nothing.
   */
  @Test
  void trustRootLists_federatedNexusIsServed_nexusPathsElsewhereAreRefused() {
    DevCa nexusCa = DevCa.create(dir.resolve("nexus-example-ca"), "nexus.example");
    DevCa opsCa = DevCa.create(dir.resolve("ops-example-ca"), "ops.example");
    Map<String, Path> bundles =
        Map.of(TD, ca.bundle(), "nexus.example", nexusCa.bundle(), "ops.example", opsCa.bundle());
    TrustRoots trust =
        new TrustRoots(
            TD, List.of("nexus.example"), List.of(TD), List.of("ops.example"), List.of(TD));
    KeeperServer split =
        new KeeperServer(
                new KeeperConfig("127.0.0.1", 0, trust),
                federated(ca, SpiffeId.of(TD, "/spike/keeper/1"), bundles))
            .start();
    try {
      byte[] shard = randomShard();
      KeeperClient nexus =
          federatedClient(split, nexusCa, "spiffe://nexus.example/spike/nexus", bundles, trust);
      nexus.contribute(ShardValue.ofBytes(shard));
      assertThat(nexus.shard()).contains(ShardValue.ofBytes(shard));

      for (KeeperClient impostor :
          List.of(
              federatedClient(split, opsCa, "spiffe://ops.example/spike/nexus", bundles, trust),
              federatedClient(split, ca, "spiffe://spike.ist/spike/nexus", bundles, trust))) {
        assertThatThrownBy(impostor::shard)
            .isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(() -> impostor.contribute(ShardValue.ofBytes(randomShard())))
            .isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
      }
      assertThat(nexus.shard()).contains(ShardValue.ofBytes(shard));
    } finally {
      split.stop();
    }
  }

  /** An SVID for {@code id} from {@code issuer}, trusting every domain's bundle for its own IDs. */
  private static SvidSource federated(DevCa issuer, SpiffeId id, Map<String, Path> bundles) {
    String name = id.trustDomain() + id.path().replace('/', '_');
    Svid svid = issuer.issue(id, dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    Map<String, Path> others = new HashMap<>(bundles);
    Path own = others.remove(id.trustDomain());
    SvidSource source = SvidSources.fromFiles(svid.cert(), svid.key(), own, others);
    sources.add(source);
    return source;
  }

  private static KeeperClient federatedClient(
      KeeperServer server, DevCa issuer, String id, Map<String, Path> bundles, TrustRoots trust) {
    return new KeeperClient(
        new SpikeHttp(
            URI.create("https://127.0.0.1:" + server.port()),
            TlsContexts.client(
                federated(issuer, SpiffeId.parse(id), bundles), trust, trust.role(Role.KEEPER))));
  }

  @Test
  void bootstrap_mayContributeButNotRead() {
    byte[] shard = randomShard();
    client(BOOTSTRAP).contribute(ShardValue.ofBytes(shard));
    assertThatThrownBy(() -> client(BOOTSTRAP).shard())
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(client(NEXUS).shard()).contains(ShardValue.ofBytes(shard));
  }

  /**
   * A stolen bootstrap SVID must not overwrite the shard of a live system (the next Nexus restart
   * could not unseal): a keeper holding a shard answers bootstrap 409 and keeps it; the very same
   * shard again (a retried seeding) is fine; Nexus may always replace it.
   */
  @Test
  void bootstrap_cannotOverwriteAHeldShard_409_shardKept() {
    byte[] live = randomShard();
    client(NEXUS).contribute(ShardValue.ofBytes(live));

    assertThatThrownBy(() -> client(BOOTSTRAP).contribute(ShardValue.ofBytes(randomShard())))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    assertThat(client(NEXUS).shard()).contains(ShardValue.ofBytes(live));

    client(BOOTSTRAP).contribute(ShardValue.ofBytes(live));
    byte[] rotated = randomShard();
    client(NEXUS).contribute(ShardValue.ofBytes(rotated));
    assertThat(client(NEXUS).shard()).contains(ShardValue.ofBytes(rotated));
  }

  @Test
  void superuser_isRefusedOnBothRoutes() {
    assertThatThrownBy(() -> client(SUPERUSER).contribute(ShardValue.ofBytes(randomShard())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> client(SUPERUSER).shard())
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(keeper.slot().isFilled()).isFalse();
  }

  @Test
  void contribute_zeroShard_is400() {
    assertThatThrownBy(() -> client(NEXUS).contribute(ShardValue.ofBytes(new byte[32])))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThat(keeper.slot().isFilled()).isFalse();
  }

  @Test
  void contribute_malformedShard_is400() {
    assertThatThrownBy(
            () ->
                http(NEXUS)
                    .post(
                        Routes.KEEPER_CONTRIBUTE,
                        "",
                        Map.of("shard", List.of(1, 2, 3)),
                        Empty.class))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
  }

  @Test
  void contribute_oversizedBody_is413() {
    Map<String, String> big = Map.of("pad", "x".repeat(KeeperServer.MAX_BODY_BYTES + 10));
    assertThatThrownBy(() -> http(NEXUS).post(Routes.KEEPER_CONTRIBUTE, "", big, Empty.class))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
  }

  @Test
  void shard_whenNoneHeld_is404() {
    assertThat(client(NEXUS).shard()).isEmpty();
    assertThatThrownBy(() -> http(NEXUS).post(Routes.KEEPER_SHARD, "", Empty.INSTANCE, Empty.class))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void unknownRoute_is404() {
    assertThatThrownBy(() -> http(NEXUS).post("/v1/store/nothing", "", Empty.INSTANCE, Empty.class))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void stop_wipesShard() {
    client(NEXUS).contribute(ShardValue.ofBytes(randomShard()));
    keeper.stop();
    assertThat(keeper.slot().isFilled()).isFalse();
  }

  @Test
  void logs_neverShowTheShard() {
    byte[] shard = randomShard();
    client(NEXUS).contribute(ShardValue.ofBytes(shard));
    ShardValue back = client(NEXUS).shard().orElseThrow();
    client(BOOTSTRAP).contribute(ShardValue.ofBytes(shard));
    String hex = HexFormat.of().formatHex(shard);
    StringBuilder ints = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      ints.append(i == 0 ? "" : ",").append(shard[i] & 0xff);
    }
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage())
          .doesNotContainIgnoringCase(hex)
          .doesNotContain(ints.toString());
    }
    assertThat(back.toString()).doesNotContain(String.valueOf(shard[0] & 0xff) + ",");
    assertThat(keeper.slot().toString()).doesNotContainIgnoringCase(hex.substring(0, 8));
  }
}

package io.spike.pilot.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.ShardRequest;
import io.spike.crypto.RootKey;
import io.spike.crypto.Shamir;
import io.spike.crypto.Shard;
import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.TestStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BootstrapTest {
  private final List<FakeServer> keepers = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private FakeServer nexus;

  @BeforeEach
  void start() throws IOException {
    nexus = new FakeServer().on(Routes.SYS_STATUS, "", 200, status(false));
    for (int i = 0; i < 3; i++) {
      keepers.add(new FakeServer().on(Routes.KEEPER_CONTRIBUTE, "", 200, "{}"));
    }
  }

  @AfterEach
  void stop() {
    nexus.close();
    keepers.forEach(FakeServer::close);
  }

  private static String status(boolean initialized) {
    return FakeServer.json(TestStatus.of("sealed", initialized));
  }

  private Bootstrap bootstrap() {
    List<Bootstrap.KeeperTarget> targets = new ArrayList<>();
    for (FakeServer k : keepers) {
      targets.add(new Bootstrap.KeeperTarget(k.uri(), k.keeper()));
    }
    return new Bootstrap(
        nexus.nexus(),
        targets,
        2,
        new SecureRandom(),
        sleeps::add,
        new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  /** Plays Nexus: rebuilds the key from what two keepers got, decrypts, hashes. */
  private FakeServer.Answer verifyLikeNexus(String body) {
    try {
      List<Shard> shards = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        String sent = keepers.get(i).requests().get(0).body();
        shards.add(
            Shard.of(
                i + 1,
                Json.decode(sent.getBytes(StandardCharsets.UTF_8), ShardRequest.class)
                    .shard()
                    .copyBytes()));
      }
      RootKey key = Shamir.combine(shards);
      BootstrapVerifyRequest req =
          Json.decode(body.getBytes(StandardCharsets.UTF_8), BootstrapVerifyRequest.class);
      byte[] blob = new byte[req.nonce().length + req.ciphertext().length];
      System.arraycopy(req.nonce(), 0, blob, 0, req.nonce().length);
      System.arraycopy(req.ciphertext(), 0, blob, req.nonce().length, req.ciphertext().length);
      byte[] text =
          key.aead().decrypt(blob, "spike/bootstrap-verify".getBytes(StandardCharsets.UTF_8));
      return new FakeServer.Answer(200, "{\"hash\":\"" + BootstrapVerifier.sha256Hex(text) + "\"}");
    } catch (Exception e) {
      return new FakeServer.Answer(400, "{\"err\":\"api_bad_request\"}");
    }
  }

  @Test
  void run_refusesWhenNexusIsInitialized_beforeTouchingKeepers() {
    nexus.on(Routes.SYS_STATUS, "", 200, status(true));

    assertThatThrownBy(() -> bootstrap().run())
        .isInstanceOf(CliFailure.class)
        .hasMessage(
            "Nexus already has a root key; bootstrap refuses to replace it"
                + " (use spike operator restore, or reset the store)");
    assertThat(keepers).allSatisfy(k -> assertThat(k.requests()).isEmpty());
  }

  @Test
  void run_seedsEveryKeeper_andNexusRebuildsTheSameKey() {
    nexus.on(Routes.BOOTSTRAP_VERIFY, "", this::verifyLikeNexus);

    bootstrap().run();

    assertThat(keepers)
        .allSatisfy(
            k ->
                assertThat(k.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.path()).isEqualTo(Routes.KEEPER_CONTRIBUTE)));
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed).endsWith("bootstrap complete\n");
    String shardBody = keepers.get(0).requests().get(0).body();
    assertThat(printed).doesNotContain(shardBody.substring(10, 30));
  }

  @Test
  void run_retriesVerifyWhileNexusIsSealed() {
    AtomicInteger calls = new AtomicInteger();
    nexus.on(
        Routes.BOOTSTRAP_VERIFY,
        "",
        body ->
            calls.incrementAndGet() < 3
                ? new FakeServer.Answer(503, "{\"err\":\"state_not_ready\"}")
                : verifyLikeNexus(body));

    bootstrap().run();

    assertThat(calls).hasValue(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void run_wrongHash_fails() {
    nexus.on(Routes.BOOTSTRAP_VERIFY, "", 200, "{\"hash\":\"" + "00".repeat(32) + "\"}");

    assertThatThrownBy(() -> bootstrap().run())
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("did not rebuild the root key");
  }

  @Test
  void run_unreachableKeeper_failsNamingIt_afterBoundedRetries() {
    FakeServer dead = keepers.get(1);
    dead.close();

    assertThatThrownBy(() -> bootstrap().run())
        .isInstanceOf(CliFailure.class)
        .hasMessageStartingWith("cannot seed keeper 2 at " + dead.uri());
    assertThat(sleeps).hasSize(Bootstrap.KEEPER.maxAttempts() - 1);
  }

  /** A keeper's refusal (401) or "already seeded" (409) fails at once, saying what to do. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 | 401 | access_unauthorized | refused its shard              | spike/bootstrap
          2 | 409 | state_conflict      | keepers refuse to be re-seeded | restart that keeper
          """)
  void run_keeperRefusal_failsAtOnce_withoutRetrying(
      int id, int status, String err, String says, String hint) {
    keepers.get(id - 1).on(Routes.KEEPER_CONTRIBUTE, "", status, "{\"err\":\"" + err + "\"}");

    assertThatThrownBy(() -> bootstrap().run())
        .hasMessageContaining("keeper " + id + " at")
        .hasMessageContaining(says)
        .hasMessageContaining(hint);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void run_nexusDown_failsAfterRetries() {
    nexus.close();

    assertThatThrownBy(() -> bootstrap().run()).hasMessageStartingWith("cannot reach Nexus at");
    assertThat(sleeps).hasSize(Bootstrap.STATUS.maxAttempts() - 1);
  }

  @Test
  void sha256Hex_isLowercaseHex() {
    assertThat(BootstrapVerifier.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(HexFormat.of().parseHex(BootstrapVerifier.sha256Hex("x".getBytes()))).hasSize(32);
  }
}

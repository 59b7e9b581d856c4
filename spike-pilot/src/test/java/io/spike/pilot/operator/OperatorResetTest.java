package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeTerminal;
import io.spike.store.PolicyRecord;
import io.spike.store.SpikeStore;
import io.spike.store.StoreConfig;
import io.spike.store.StoreLock;
import io.spike.store.Stores;
import io.spike.store.SystemKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorResetTest {
  @TempDir Path data;

  private Path db;

  @BeforeEach
  void aStoreWithData() {
    db = data.resolve("spike.db");
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      store.initialize(
          Map.of(SystemKey.KEY_CHECK, new byte[] {1, 2, 3}, SystemKey.KEYRING, new byte[] {4}));
      store.putPolicy(new PolicyRecord("web", new byte[] {5, 6}));
    }
  }

  private boolean storeIsEmpty() {
    try (SpikeStore store = Stores.open(new StoreConfig.Sqlite(db))) {
      return store.isEmpty();
    }
  }

  @Test
  void reset_typedReset_wipesTheStore_andWarnsAboutKeepers() {
    Cli.Result r =
        Cli.piped(Cli.NO_NETWORK, "RESET\n", "operator", "reset", "--data-dir", data.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(storeIsEmpty()).isTrue();
    assertThat(r.out())
        .startsWith(
            "the store in "
                + data.toAbsolutePath()
                + " is empty: bootstrap can start a new"
                + " system there.\n")
        .contains("stop every keeper before you start Nexus again");
    assertThat(r.err())
        .contains("this deletes every secret, policy")
        .contains(db.toAbsolutePath().toString());
  }

  @Test
  void reset_anythingElse_deletesNothing() {
    for (String answer : new String[] {"", "reset\n", "yes\n", "RESET!\n", "\nRESET\n"}) {
      Cli.Result r =
          Cli.piped(Cli.NO_NETWORK, answer, "operator", "reset", "--data-dir", data.toString());

      assertThat(r.code()).as(answer).isEqualTo(1);
      assertThat(r.err())
          .as(answer)
          .endsWith("spike: you did not type RESET; nothing was deleted\n");
      assertThat(r.out()).isEmpty();
      assertThat(storeIsEmpty()).as(answer).isFalse();
    }
  }

  @Test
  void reset_terminal_asksForReset() {
    FakeTerminal no = new FakeTerminal("no");
    FakeTerminal yes = new FakeTerminal("RESET");

    Cli.Result refused =
        Cli.run(Cli.NO_NETWORK, no, "operator", "reset", "--data-dir", data.toString());
    assertThat(storeIsEmpty()).isFalse();
    Cli.Result done =
        Cli.run(Cli.NO_NETWORK, yes, "operator", "reset", "--data-dir", data.toString());

    assertThat(refused.code()).isEqualTo(1);
    assertThat(no.prompts()).containsExactly("Type RESET to delete everything in it: ");
    assertThat(done.code()).isZero();
    assertThat(storeIsEmpty()).isTrue();
  }

  @Test
  void reset_whileANexusHoldsTheLock_refuses_andDeletesNothing() {
    try (StoreLock nexus = StoreLock.tryAcquire(data).orElseThrow()) {
      Cli.Result r =
          Cli.piped(Cli.NO_NETWORK, "RESET\n", "operator", "reset", "--data-dir", data.toString());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .isEqualTo(
              "spike: a Nexus is running on "
                  + data.toAbsolutePath()
                  + "; stop it first"
                  + " (dev: ./spike dev down), then run reset again; nothing was deleted\n");
    }
    assertThat(storeIsEmpty()).isFalse();
  }

  @Test
  void reset_releasesTheLockAfterwards() {
    Cli.piped(Cli.NO_NETWORK, "RESET\n", "operator", "reset", "--data-dir", data.toString());
    Cli.piped(Cli.NO_NETWORK, "no\n", "operator", "reset", "--data-dir", data.toString());

    try (StoreLock again = StoreLock.tryAcquire(data).orElseThrow()) {
      assertThat(again.file()).isNotNull();
    }
  }

  @Test
  void reset_withoutAStore_refuses_andCreatesNothing() throws Exception {
    Path empty = Files.createDirectory(data.resolve("empty"));

    Cli.Result r =
        Cli.piped(Cli.NO_NETWORK, "RESET\n", "operator", "reset", "--data-dir", empty.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no SPIKE store at " + empty.toAbsolutePath().resolve("spike.db"));
    try (var files = Files.list(empty)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void reset_withoutDataDir_isBadUsage() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, "operator", "reset");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--data-dir");
  }
}

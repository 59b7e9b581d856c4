package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import io.spike.pilot.testing.FakeTerminal;
import io.spike.pilot.testing.TestShards;
import io.spike.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorRestoreTest {
  private static final String ONE_OF_TWO = "{\"collected\":1,\"remaining\":1,\"restored\":false}";
  private static final String RESTORED = "{\"collected\":2,\"remaining\":0,\"restored\":true}";

  @TempDir Path tmp;

  private final TestShards shards = new TestShards();

  /** A fake Nexus answering successive restore calls with {@code answers} (status 200). */
  private static FakeServer nexus(String... answers) throws Exception {
    return new FakeServer()
        .inTurn(
            Routes.OPERATOR_RESTORE,
            "",
            Stream.of(answers)
                .map(a -> new FakeServer.Answer(200, a))
                .toArray(FakeServer.Answer[]::new));
  }

  /** A fake Nexus answering every restore call with {@code status} and {@code body}. */
  private static FakeServer answering(int status, String body) throws Exception {
    return new FakeServer().on(Routes.OPERATOR_RESTORE, "", status, body);
  }

  private Path file(int id) throws Exception {
    return Files.writeString(tmp.resolve("spike.recovery." + id + ".txt"), shards.text(id) + "\n");
  }

  /** {@code operator restore --file F...} for {@code files}. */
  private static String[] restoreArgs(Path... files) {
    List<String> args = new ArrayList<>(List.of("operator", "restore"));
    for (Path f : files) {
      args.add("--file");
      args.add(f.toString());
    }
    return args.toArray(String[]::new);
  }

  /** {@code spike operator restore} reading shards from {@code stdin}. */
  private static Cli.Result restorePiped(NexusConnector nexus, String stdin) {
    return Cli.piped(nexus, stdin, "operator", "restore");
  }

  /** {@code spike operator restore} prompting on {@code terminal}. */
  private static Cli.Result restoreTyped(NexusConnector nexus, FakeTerminal terminal) {
    return Cli.run(nexus, terminal, "operator", "restore");
  }

  /** {@code spike operator restore} with the shard files of {@code ids}, in that order. */
  private Cli.Result restoreFiles(NexusConnector nexus, int... ids) throws Exception {
    Path[] files = new Path[ids.length];
    for (int i = 0; i < ids.length; i++) {
      files[i] = file(ids[i]);
    }
    return Cli.run(nexus, restoreArgs(files));
  }

  @Test
  void restore_files_sendsEach_printsProgress_thenRestored() throws Exception {
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r = restoreFiles(nexus.connector(), 1, 2);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out())
          .isEqualTo(
              "shards collected: 1, remaining: 1\nshards collected: 2, remaining: 0\nrestored\n");
      assertThat(r.err()).isEmpty();
      assertThat(nexus.requests())
          .extracting(FakeServer.Request::body)
          .containsExactly(
              "{\"id\":1,\"shard\":" + shards.wireInts(1) + "}",
              "{\"id\":2,\"shard\":" + shards.wireInts(2) + "}");
      String seen = r.out() + r.err() + logs.text();
      for (int id = 1; id <= 2; id++) {
        assertThat(seen).doesNotContain(shards.hex(id)).doesNotContain(shards.wireInts(id));
      }
    }
  }

  @Test
  void restore_stopsSendingOnceRestored() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r =
          restorePiped(
              nexus.connector(),
              shards.text(1) + "\n" + shards.text(2) + "\n" + shards.text(3) + "\n");

      assertThat(r.code()).isZero();
      assertThat(nexus.requests()).hasSize(2);
    }
  }

  @Test
  void restore_stdin_oneShardPerNonEmptyLine() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r =
          restorePiped(nexus.connector(), "\n  " + shards.text(3) + "  \r\n\n" + shards.text(1));

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).endsWith("restored\n");
      assertThat(nexus.requests())
          .extracting(FakeServer.Request::body)
          .allSatisfy(b -> assertThat(b).startsWith("{\"id\":"))
          .first()
          .satisfies(b -> assertThat(b).startsWith("{\"id\":3,"));
    }
  }

  @Test
  void restore_malformedFile_exits2_andSendsNothing() throws Exception {
    Path bad =
        Files.writeString(tmp.resolve("bad.txt"), shards.text(2).replace("spike:", "spike:0"));
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r = Cli.run(nexus.connector(), restoreArgs(file(1), bad));

      assertThat(r.onlyErrLine(2))
          .contains(bad.toString())
          .contains("is not a recovery shard")
          .contains("nothing was sent")
          .doesNotContain(shards.hex(2));
      assertThat(r.out()).isEmpty();
      assertThat(nexus.requests()).isEmpty();
    }
  }

  @Test
  void restore_malformedLaterStdinLine_exits2_andSendsNothing() throws Exception {
    String truncated = shards.text(2).substring(0, shards.text(2).length() - 1);
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r = restorePiped(nexus.connector(), shards.text(1) + "\n" + truncated + "\n");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("stdin line 2 is not a recovery shard")
          .doesNotContain(truncated);
      assertThat(nexus.requests()).isEmpty();
    }
  }

  @Test
  void restore_fileWithTwoShards_exits2() throws Exception {
    Path both =
        Files.writeString(tmp.resolve("both.txt"), shards.text(1) + "\n" + shards.text(2) + "\n");

    Cli.Result r = Cli.run(Cli.NO_NETWORK, restoreArgs(both));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("holds 2 non-empty lines");
  }

  @Test
  void restore_missingFile_exits1_withoutNetwork() {
    Cli.Result r = Cli.run(Cli.NO_NETWORK, restoreArgs(tmp.resolve("none")));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("does not exist").contains("nothing was sent");
  }

  @Test
  void restore_emptyStdin_exits2_withoutNetwork() {
    Cli.Result r = restorePiped(Cli.NO_NETWORK, "\n\n");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no recovery shard on stdin");
  }

  @Test
  void restore_inputEndsBeforeRestored_exits1_sayingHowManyMore() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO)) {
      Cli.Result r = restoreFiles(nexus.connector(), 1);

      assertThat(r.out()).isEqualTo("shards collected: 1, remaining: 1\n");
      assertThat(r.onlyErrLine(1)).startsWith("spike: not restored yet: 1 more shard(s) needed");
    }
  }

  @Test
  void restore_wrongShard_exits1_withNexussMessage() throws Exception {
    try (FakeServer nexus =
        answering(
            400,
            "{\"err\":\"api_bad_request\",\"message\":\"shard 2 is wrong: the key check failed\"}")) {
      Cli.Result r = restoreFiles(nexus.connector(), 2);

      assertThat(r.onlyErrLine(1))
          .startsWith(
              "spike: api_bad_request: Nexus refused to take recovery shard 2 (shard 2 is"
                  + " wrong: the key check failed); Nexus stays sealed");
    }
  }

  @Test
  void restore_aRefusedSetMidList_goesOnWithTheNextShard_andRestores() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .inTurn(
                Routes.OPERATOR_RESTORE,
                "",
                new FakeServer.Answer(
                    400,
                    "{\"err\":\"api_bad_request\",\"message\":\"the shards 1, 2 do not"
                        + " reconstruct the root key\"}"),
                new FakeServer.Answer(200, RESTORED))) {
      Cli.Result r = restoreFiles(nexus.connector(), 1, 2);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(nexus.requests()).hasSize(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .startsWith(
              "spike: shard 1 refused (the shards 1, 2 do not reconstruct the root key);"
                  + " going on with the next shard");
      assertThat(r.out()).endsWith("restored\n");
    }
  }

  @Test
  void restore_refusedLastShard_exits1() throws Exception {
    try (FakeServer nexus =
        answering(400, "{\"err\":\"api_bad_request\",\"message\":\"at least one is wrong\"}")) {
      Cli.Result r = restoreFiles(nexus.connector(), 1, 2);

      assertThat(r.code()).isEqualTo(1);
      assertThat(nexus.requests()).hasSize(2);
      assertThat(r.errLines()).hasSize(2);
      assertThat(r.errLines()[1]).contains("Nexus stays sealed");
    }
  }

  @Test
  void restore_wrongShardsNamed_whenRestoredFromOthers() throws Exception {
    try (FakeServer nexus =
        nexus(
            ONE_OF_TWO,
            "{\"collected\":2,\"remaining\":0,\"restored\":false}",
            "{\"collected\":3,\"remaining\":0,\"restored\":true,\"wrongShards\":[2]}")) {
      Cli.Result r = restoreFiles(nexus.connector(), 1, 2, 3);

      assertThat(r.code()).isZero();
      assertThat(r.out())
          .endsWith(
              "shards collected: 3, remaining: 0\nshard 2 was wrong and was ignored\nrestored\n");
    }
  }

  @Test
  void restore_unsealedNexus_exits1_sayingItIsNotWaiting() throws Exception {
    try (FakeServer nexus = answering(409, "{\"err\":\"state_conflict\"}")) {
      Cli.Result r = restoreFiles(nexus.connector(), 1);

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err())
          .contains("state_conflict")
          .contains("not waiting")
          .contains("spike status");
    }
  }

  @Test
  void restore_wrongRole_andRateLimit_sayWhatToDo() throws Exception {
    try (FakeServer unauthorized = answering(401, "{\"err\":\"access_unauthorized\"}");
        FakeServer limited = answering(429, "{\"err\":\"api_rate_limited\"}")) {
      Cli.Result r401 = restoreFiles(unauthorized.connector(), 1);
      Cli.Result r429 = restoreFiles(limited.connector(), 1);

      assertThat(r401.err()).contains("./spike dev env --role restore");
      assertThat(r429.code()).isEqualTo(1);
      assertThat(r429.err()).contains("api_rate_limited").contains("wait and retry");
    }
  }

  @Test
  void restore_json_printsTheLastAnswerOnly() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r =
          Cli.run(
              nexus.connector(), Cli.args(List.of("-f", "json"), restoreArgs(file(1), file(2))));

      assertThat(r.code()).isZero();
      assertThat(r.out())
          .startsWith("{")
          .contains("\"restored\" : true")
          .contains("\"collected\" : 2")
          .doesNotContain("remaining\" : 1");
    }
  }

  @Test
  void restore_terminal_promptsHiddenUntilRestored_andWipesWhatWasTyped() throws Exception {
    FakeTerminal terminal = new FakeTerminal(shards.text(1), shards.text(2), "never read");
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(terminal.hiddenPrompts())
          .containsExactly("Enter recovery shard: ", "Enter recovery shard: ");
      assertThat(terminal.allWiped()).isTrue();
      assertThat(r.out())
          .isEqualTo(
              "shards collected: 1, remaining: 1\nshards collected: 2, remaining: 0\nrestored\n");
      assertThat(r.out() + r.err() + logs.text())
          .doesNotContain(shards.hex(1))
          .doesNotContain(shards.hex(2));
    }
  }

  @Test
  void restore_terminal_malformedEntry_exits2_andSendsOnlyWhatCameBefore() throws Exception {
    FakeTerminal terminal = new FakeTerminal(shards.text(1), "spike:2:xyz");
    try (FakeServer nexus = nexus(ONE_OF_TWO, RESTORED)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("the shard you entered is not a recovery shard");
      assertThat(nexus.requests()).hasSize(1);
      assertThat(terminal.allWiped()).isTrue();
    }
  }

  @Test
  void restore_terminal_emptyLineEnds_notRestoredYet() throws Exception {
    FakeTerminal terminal = new FakeTerminal(shards.text(1), "");
    try (FakeServer nexus = nexus(ONE_OF_TWO)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("not restored yet: 1 more shard(s) needed");
    }
  }

  @Test
  void restore_terminal_nothingEntered_exits2() throws Exception {
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r = restoreTyped(nexus.connector(), new FakeTerminal());

      assertThat(r.code()).isEqualTo(2);
      assertThat(nexus.requests()).isEmpty();
    }
  }

  @Test
  void restore_filesWinOverTheTerminal() throws Exception {
    FakeTerminal terminal = new FakeTerminal();
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              Map.of(),
              new byte[0],
              terminal,
              "operator",
              "restore",
              "--file",
              file(1).toString());

      assertThat(r.code()).isZero();
      assertThat(terminal.prompts()).isEqualTo(List.of());
    }
  }
}

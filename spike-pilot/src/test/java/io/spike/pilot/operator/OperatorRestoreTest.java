package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spike.api.Routes;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.ChildCli;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorRestoreTest {
  private static final String ONE_OF_TWO = "{\"collected\":1,\"remaining\":1,\"restored\":false}";
  private static final String RESTORED = "{\"collected\":2,\"remaining\":0,\"restored\":true}";
  private static final String WRONG_2 =
      "{\"err\":\"api_bad_request\",\"message\":\"shard 2 is wrong: the key check failed\"}";

  /** The wording of the SPIKE operator guide, spelled out here so a change of it fails a test. */
  private static final String PROMPTS =
      "(your input will be hidden as you paste/type it)\nEnter recovery shard: ";

  private static final String ONE_MORE =
      "Shards collected: 1, Shards remaining: 1\n"
          + "Please run `spike operator restore` again to provide the remaining shards.\n"
          + "(Nexus keeps the shards collected for SPIKE_NEXUS_RESTORE_TTL (default 10m) after the"
          + " last one.)\n";
  private static final String DONE = "SPIKE is now restored and ready to use.\n";
  private static final String BOTH =
      "Shards collected: 1, Shards remaining: 1\nShards collected: 2, Shards remaining: 0\n" + DONE;

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
      assertThat(r.out()).isEqualTo(BOTH);
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
      assertThat(r.out()).isEqualTo(BOTH);
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
  void restore_acceptedShortOfThreshold_exits0_askingToRunAgain() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO)) {
      Cli.Result files = restoreFiles(nexus.connector(), 1);
      Cli.Result piped = restorePiped(nexus.connector(), shards.text(1) + "\n");

      for (Cli.Result r : List.of(files, piped)) {
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(ONE_MORE);
        assertThat(r.err()).isEmpty();
      }
    }
  }

  @Test
  void restore_wrongShard_exits1_withNexussMessage() throws Exception {
    try (FakeServer nexus = answering(400, WRONG_2)) {
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
      assertThat(r.out()).isEqualTo("Shards collected: 2, Shards remaining: 0\n" + DONE);
    }
  }

  @Test
  void restore_aRefusedShardMidList_thenShortOfThreshold_exits1_namingIt() throws Exception {
    try (FakeServer nexus =
        new FakeServer()
            .inTurn(
                Routes.OPERATOR_RESTORE,
                "",
                new FakeServer.Answer(400, WRONG_2),
                new FakeServer.Answer(200, ONE_OF_TWO))) {
      Cli.Result r = restoreFiles(nexus.connector(), 2, 1);

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).isEqualTo(ONE_MORE);
      assertThat(r.errLines())
          .containsExactly(
              "spike: shard 2 refused (shard 2 is wrong: the key check failed); going on with the"
                  + " next shard",
              "spike: Nexus refused shard 2 and stays sealed; run restore again with right"
                  + " shards");
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
              "Shards collected: 3, Shards remaining: 0\nshard 2 was wrong and was ignored\n"
                  + DONE);
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
  void restore_jsonAndYaml_shortOfThreshold_exit0_withTheProgressFields() throws Exception {
    try (FakeServer nexus = nexus(ONE_OF_TWO)) {
      Cli.Result json =
          Cli.run(nexus.connector(), Cli.args(List.of("-f", "json"), restoreArgs(file(1))));
      Cli.Result yaml =
          Cli.run(nexus.connector(), Cli.args(List.of("-f", "yaml"), restoreArgs(file(1))));

      assertThat(json.code()).as(json.err()).isZero();
      assertThat(json.out())
          .contains("\"collected\" : 1")
          .contains("\"remaining\" : 1")
          .contains("\"restored\" : false")
          .doesNotContain("Please run");
      assertThat(yaml.code()).as(yaml.err()).isZero();
      assertThat(yaml.out())
          .isEqualTo("collected: 1\nremaining: 1\nrestored: false\nwrongShards: []\n");
    }
  }

  @Test
  void restore_terminal_promptsOnceHidden_exits0_andWipesWhatWasTyped() throws Exception {
    FakeTerminal terminal = new FakeTerminal(shards.text(1), "never read");
    try (LogCapture logs = LogCapture.everything();
        FakeServer nexus = nexus(ONE_OF_TWO)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(terminal.hiddenPrompts()).containsExactly(PROMPTS);
      assertThat(terminal.allWiped()).isTrue();
      assertThat(r.out()).isEqualTo(ONE_MORE);
      assertThat(nexus.requests()).hasSize(1);
      assertThat(r.out() + r.err() + logs.text()).doesNotContain(shards.hex(1));
    }
  }

  @Test
  void restore_terminal_theLastShard_saysRestored() throws Exception {
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r = restoreTyped(nexus.connector(), new FakeTerminal(shards.text(2)));

      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("Shards collected: 2, Shards remaining: 0\n" + DONE);
    }
  }

  @Test
  void restore_terminal_refusedShard_exits1() throws Exception {
    FakeTerminal terminal = new FakeTerminal(shards.text(2));
    try (FakeServer nexus = answering(400, WRONG_2)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.onlyErrLine(1)).contains("shard 2 is wrong").contains("Nexus stays sealed");
      assertThat(r.out()).isEmpty();
      assertThat(terminal.allWiped()).isTrue();
    }
  }

  @Test
  void restore_terminal_malformedEntry_exits2_andSendsNothing() throws Exception {
    FakeTerminal terminal = new FakeTerminal("spike:2:xyz");
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result r = restoreTyped(nexus.connector(), terminal);

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("the shard you entered is not a recovery shard");
      assertThat(nexus.requests()).isEmpty();
      assertThat(terminal.allWiped()).isTrue();
    }
  }

  @Test
  void restore_terminal_emptyLineOrNothingEntered_exits2_andSendsNothing() throws Exception {
    try (FakeServer nexus = nexus(RESTORED)) {
      Cli.Result empty = restoreTyped(nexus.connector(), new FakeTerminal("  "));
      Cli.Result none = restoreTyped(nexus.connector(), new FakeTerminal());

      for (Cli.Result r : List.of(empty, none)) {
        assertThat(r.onlyErrLine(2)).contains("no recovery shard was entered; nothing was sent");
      }
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

  /**
   * The real CLI in a fresh JVM with the process's own streams and console: stdin piped, or on a
   * pseudo-terminal from util-linux {@code script}. Nexus is a {@link FakeServer} answering as a
   * sealed Nexus does.
   */
  @Nested
  class InAProcess {
    private static final String[] RESTORE = {"operator", "restore"};

    private Cli.Result typed(FakeServer nexus, String shard) throws Exception {
      Optional<String> noTerminal = ChildCli.noTerminal();
      assumeTrue(
          noTerminal.isEmpty(),
          () -> noTerminal.orElseThrow() + ": the pseudo-terminal tests of restore are skipped");
      ChildCli.Outcome o =
          ChildCli.onTerminal(nexus.uri(), "Enter recovery shard: ", shard, RESTORE);
      return new Cli.Result(o.exit(), o.out(), o.err(), new byte[0]);
    }

    private Cli.Result piped(FakeServer nexus, String stdin) throws Exception {
      ChildCli.Outcome o = ChildCli.piped(nexus.uri(), stdin, RESTORE);
      return new Cli.Result(o.exit(), o.out(), o.err(), new byte[0]);
    }

    @Test
    void onATerminal_oneShardShortOfThreshold_hiddenPrompt_exits0() throws Exception {
      try (FakeServer nexus = nexus(ONE_OF_TWO)) {
        Cli.Result r = typed(nexus, shards.text(1));

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo(PROMPTS + "\n" + ONE_MORE);
        assertThat(r.out()).doesNotContain(shards.hex(1));
        assertThat(nexus.requests())
            .extracting(FakeServer.Request::body)
            .containsExactly("{\"id\":1,\"shard\":" + shards.wireInts(1) + "}");
      }
      // The same terminal echoes what is typed when no one turns echo off: the check above can
      // fail.
      assertThat(ChildCli.echoedByDefault("typed-and-seen")).contains("typed-and-seen");
    }

    @Test
    void onATerminal_theLastShard_saysRestored_exits0() throws Exception {
      try (FakeServer nexus = nexus(RESTORED)) {
        Cli.Result r = typed(nexus, shards.text(2));

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
            .isEqualTo(PROMPTS + "\nShards collected: 2, Shards remaining: 0\n" + DONE)
            .doesNotContain(shards.hex(2));
      }
    }

    @Test
    void onATerminal_aRefusedShard_exits1() throws Exception {
      try (FakeServer nexus = answering(400, WRONG_2)) {
        Cli.Result r = typed(nexus, shards.text(2));

        assertThat(r.code()).as(r.out()).isEqualTo(1);
        assertThat(r.out())
            .startsWith(
                PROMPTS
                    + "\nspike: api_bad_request: Nexus refused to take recovery shard 2 (shard 2 is"
                    + " wrong: the key check failed); Nexus stays sealed")
            .doesNotContain(shards.hex(2));
      }
    }

    @Test
    void throughAPipe_noPrompt_exits0ShortOfThresholdAndRestored_1Refused() throws Exception {
      try (FakeServer partial = nexus(ONE_OF_TWO);
          FakeServer last = nexus(RESTORED);
          FakeServer refusing = answering(400, WRONG_2)) {
        Cli.Result one = piped(partial, shards.text(1) + "\n");
        Cli.Result done = piped(last, shards.text(2) + "\n");
        Cli.Result wrong = piped(refusing, shards.text(2) + "\n");

        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo(ONE_MORE);
        assertThat(one.err()).isEmpty();
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).isEqualTo("Shards collected: 2, Shards remaining: 0\n" + DONE);
        assertThat(wrong.onlyErrLine(1))
            .contains("shard 2 is wrong")
            .contains("Nexus stays sealed");
        assertThat(wrong.out()).isEmpty();
      }
    }
  }
}

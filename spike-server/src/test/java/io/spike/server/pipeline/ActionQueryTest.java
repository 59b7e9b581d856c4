package io.spike.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.junit.jupiter.api.Test;

class ActionQueryTest {

  /**
   * Seeded: the undecoded fast path reads the same action as Jetty's parser, for every shape of
   * query.
   */
  @Test
  void parse_fastPath_agreesWithJettysParser() {
    Random random = new Random(11_22L);
    String[] pieces = {"action", "act", "=", "&", "get", "x", "", "-", "ion", "action="};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder query = new StringBuilder();
      for (int p = random.nextInt(6); p >= 0; p--) {
        query.append(pieces[random.nextInt(pieces.length)]);
      }
      Fields fields = new Fields(true);
      UrlEncoded.decodeUtf8To(query.toString(), fields);
      String jetty = fields.getValue("action");
      assertThat(ActionQuery.parse(query.toString()))
          .as(query.toString())
          .contains(jetty == null ? "" : jetty);
    }
  }

  @Test
  void parse_decodes_andRefusesMalformed() {
    assertThat(ActionQuery.parse("action=a%20b")).contains("a b");
    assertThat(ActionQuery.parse("action=a+b")).contains("a b");
    assertThat(ActionQuery.parse("action=%zz")).isEqualTo(Optional.empty());
    assertThat(ActionQuery.parse(null)).contains("");
    assertThat(ActionQuery.parse("other=1")).contains("");
  }

  /**
   * Fuzz target (regression inputs in ActionQueryTestInputs/): any query string gives an action or
   * "cannot be decoded", never an exception; when Jetty's own parser reads the query, the action is
   * the same as Jetty's; the action is a part of the query, never made up.
   */
  @FuzzTest(maxDuration = "60s")
  void parse_fuzzedQuery_agreesWithJetty_orIsRefused(byte[] input) {
    String query = new String(input, StandardCharsets.UTF_8);
    Optional<String> action = ActionQuery.parse(query);
    String jetty;
    try {
      Fields fields = new Fields(true);
      UrlEncoded.decodeUtf8To(query, fields);
      String value = fields.getValue("action");
      jetty = value == null ? "" : value;
    } catch (RuntimeException malformed) {
      assertThat(action).as(query).isEmpty();
      return;
    }
    assertThat(action).as(query).contains(jetty);
    assertThat(action.get().length()).isLessThanOrEqualTo(query.length());
  }
}

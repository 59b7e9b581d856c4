package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.PolicyIdRequest;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretPutRequest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void pathProblem_acceptsOrdinaryPaths() {
    for (String ok :
        new String[] {
          "apps/web/db",
          "a",
          "secrets/db-secret",
          "x?y",
          "ünïcødé/路径",
          "emoji/\ud83d\udd11",
          "ελληνικά/κλειδί",
          "spikes/x",
          "spike",
          "a".repeat(Names.MAX_PATH_CHARS)
        }) {
      assertThat(Names.pathProblem(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void pathProblem_refusesWhatCouldStoreOrShowAsAnotherPath() {
    assertThat(Names.pathProblem(null)).contains("path is empty");
    assertThat(Names.pathProblem("")).contains("path is empty");
    assertThat(Names.pathProblem("a".repeat(Names.MAX_PATH_CHARS + 1)))
        .hasValueSatisfying(p -> assertThat(p).contains("longer"));
    assertThat(Names.pathProblem("apps/web/x\ud800"))
        .hasValueSatisfying(p -> assertThat(p).contains("unpaired UTF-16 surrogate"));
    assertThat(Names.pathProblem("\udc00apps"))
        .hasValueSatisfying(p -> assertThat(p).contains("unpaired"));
    assertThat(Names.pathProblem("a\u0000b"))
        .hasValueSatisfying(p -> assertThat(p).contains("control"));
    assertThat(Names.pathProblem("a\nb"))
        .hasValueSatisfying(p -> assertThat(p).contains("control"));
    assertThat(Names.pathProblem("a\u0085b"))
        .hasValueSatisfying(p -> assertThat(p).contains("control"));
    assertThat(Names.pathProblem("a\u007fb"))
        .hasValueSatisfying(p -> assertThat(p).contains("control"));
    assertThat(Names.pathProblem("apps/\u202egpj.exe"))
        .hasValueSatisfying(p -> assertThat(p).contains("bidirectional"));
    for (String invisible :
        new String[] {
          "apps/web\u200b", "apps/\u200dweb", "apps/w\u00adeb", "\ufeffapps/web", "apps/\u2060web"
        }) {
      assertThat(Names.pathProblem(invisible))
          .as(invisible)
          .hasValueSatisfying(p -> assertThat(p).contains("invisible format character"));
    }
    assertThat(Names.pathProblem("apps/\ufffe"))
        .hasValueSatisfying(p -> assertThat(p).contains("noncharacter"));
    assertThat(Names.pathProblem("apps/\udbff\udfff"))
        .hasValueSatisfying(p -> assertThat(p).contains("noncharacter"));
    assertThat(Names.pathProblem(" apps"))
        .hasValueSatisfying(p -> assertThat(p).contains("whitespace"));
    assertThat(Names.pathProblem("apps\u00a0"))
        .hasValueSatisfying(p -> assertThat(p).contains("whitespace"));
    assertThat(Names.pathProblem("spike/system/acl"))
        .hasValueSatisfying(p -> assertThat(p).contains("reserved"));
    assertThat(Names.pathProblem("spike/x"))
        .hasValueSatisfying(p -> assertThat(p).contains("reserved"));
  }

  @Test
  void problems_neverEchoTheText() {
    String hostile = "evil-marker\u0000" + "z".repeat(20);
    assertThat(Names.pathProblem(hostile))
        .hasValueSatisfying(p -> assertThat(p).doesNotContain("evil-marker"));
    assertThat(Names.nameProblem(hostile))
        .hasValueSatisfying(p -> assertThat(p).doesNotContain("evil-marker"));
  }

  /**
   * Seeded property: every path the rules accept survives a strict UTF-8 round trip unchanged, so
   * no two accepted paths can become one key in a store that writes UTF-8.
   */
  @Test
  void acceptedPaths_roundTripThroughStrictUtf8() throws Exception {
    Random random = new Random(9_0210L);
    var encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int accepted = 0;
    for (int i = 0; i < 50_000; i++) {
      char[] chars = new char[1 + random.nextInt(12)];
      for (int c = 0; c < chars.length; c++) {
        chars[c] =
            random.nextInt(4) == 0
                ? (char) (0xd700 + random.nextInt(0x1000))
                : (char) random.nextInt(0x3000);
      }
      String path = new String(chars);
      if (Names.pathProblem(path).isEmpty()) {
        accepted++;
        ByteBuffer utf8 = encoder.encode(CharBuffer.wrap(path));
        String back = StandardCharsets.UTF_8.newDecoder().decode(utf8).toString();
        assertThat(back).isEqualTo(path);
      }
    }
    assertThat(accepted).isGreaterThan(1000);
  }

  @Test
  void wireRecords_validateOnConstruction_soDecodingRefusesBadPaths() {
    assertThatThrownBy(() -> new SecretGetRequest("x\ud800", 0))
        .isInstanceOf(Names.InvalidNameException.class);
    assertThatThrownBy(() -> new SecretPutRequest("spike/system/acl", Map.of("k", "v")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PolicyIdRequest("a\tb"))
        .isInstanceOf(IllegalArgumentException.class);
    JsonAsserts.decodeFails("{\"path\":\"a\\ud800\"}", SecretGetRequest.class)
        .hasMessageContaining("unpaired");
    assertThat(new SecretGetRequest("apps/web/db", 0).subject()).isEqualTo("apps/web/db");
  }
}

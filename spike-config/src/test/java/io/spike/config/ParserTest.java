package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParserTest {
  private static final long SEED = 20261128L;
  private static final String JUNK = "abcxyzXYZ !@#%^&*()[]{}<>?/\\|'\"`~é\t";

  /** Random text that holds at least one character none of the numeric forms accept. */
  private static String junk(Random random) {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      s.append(JUNK.charAt(random.nextInt(JUNK.length())));
    }
    // Wrapped in a character no message holds, so "the message does not echo it" can fail.
    return "§" + s.toString().strip() + "§";
  }

  private static void refusesAll(Parser<?> parser, List<String> bad) {
    for (String value : bad) {
      assertThatThrownBy(() -> parser.read().apply(value))
          .as("'%s' for %s", value, parser.expected())
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value));
    }
  }

  @Test
  void everyParser_refusesSeededRandomJunk_withoutEchoingIt() {
    Random random = new Random(SEED);
    List<String> bad = random.ints(200).mapToObj(i -> junk(random)).toList();
    refusesAll(Parser.integer(1, 255), bad);
    refusesAll(Parser.longInteger(0, Long.MAX_VALUE), bad);
    refusesAll(Parser.port(), bad);
    refusesAll(Parser.duration(), bad);
    refusesAll(Parser.oneOf("sqlite", "postgres", "memory"), bad);
    refusesAll(Parser.trustDomain(), bad);
    refusesAll(Parser.httpsUrl(), bad);
    refusesAll(Parser.httpsUrls(), bad);
    refusesAll(Parser.hostPort(), bad);
    refusesAll(Parser.hex64("a hash"), bad);
    refusesAll(Parser.trustDomains(), bad);
    refusesAll(Parser.trustDomainFiles(), bad);
  }

  @Test
  void trustDomains_refuseEmptyAndInvalidEntries_byPosition() {
    assertThat(Parser.trustDomains().read().apply(" a.example , b.example,a.example"))
        .containsExactly("a.example", "b.example");
    assertThatThrownBy(() -> Parser.trustDomains().read().apply("a.example,,b.example"))
        .hasMessage("has an empty entry at position 2");
    assertThatThrownBy(() -> Parser.trustDomains().read().apply(",a.example"))
        .hasMessage("has an empty entry at position 1");
    assertThatThrownBy(() -> Parser.trustDomains().read().apply("a.example, "))
        .hasMessage("has an empty entry at position 2");
    assertThatThrownBy(() -> Parser.trustDomains().read().apply("a.example,B.example"))
        .hasMessage("has an invalid trust domain name at position 2");
  }

  @Test
  void trustDomainFiles_pairDomainsWithPaths_eachDomainOnce() {
    assertThat(Parser.trustDomainFiles().read().apply("a.example=/x/a.pem, b.example = /x/b.pem"))
        .containsExactly(
            java.util.Map.entry("a.example", Path.of("/x/a.pem")),
            java.util.Map.entry("b.example", Path.of("/x/b.pem")));
    assertThatThrownBy(() -> Parser.trustDomainFiles().read().apply("a.example=/a,/b"))
        .hasMessage("has an entry without '=' at position 2");
    assertThatThrownBy(() -> Parser.trustDomainFiles().read().apply("A=/a"))
        .hasMessage("has an invalid trust domain name at position 1");
    assertThatThrownBy(() -> Parser.trustDomainFiles().read().apply("a.example="))
        .hasMessage("has an empty file path at position 1");
    assertThatThrownBy(() -> Parser.trustDomainFiles().read().apply("a.example=/a,a.example=/b"))
        .hasMessage("names a trust domain twice (again at position 2)");
  }

  @Test
  void numbers_outOfRange_areRefused_seeded() {
    Random random = new Random(SEED);
    for (int i = 0; i < 200; i++) {
      int above = 256 + random.nextInt(1_000_000);
      int below = -random.nextInt(1_000_000);
      refusesAll(Parser.integer(1, 255), List.of(String.valueOf(above), String.valueOf(below)));
      refusesAll(Parser.port(), List.of(String.valueOf(65536 + random.nextInt(1_000_000))));
    }
    assertThatThrownBy(() -> Parser.integer(1, 255).read().apply("99999999999999999999"))
        .hasMessage("is not a whole number");
  }

  @Test
  void goodValues_roundTrip() {
    assertThat(Parser.port().read().apply(":8553")).isEqualTo(8553);
    assertThat(Parser.duration().read().apply("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Parser.duration().write().apply(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Parser.oneOf("text", "json").read().apply("JSON")).isEqualTo("json");
    assertThat(Parser.hostPort().read().apply("[::1]:0")).isEqualTo(new Parser.HostPort("::1", 0));
    assertThat(Parser.hostPort().write().apply(new Parser.HostPort("::1", 80)))
        .isEqualTo("[::1]:80");
    assertThat(Parser.httpsUrls().read().apply(" https://a:1 ,, https://b:2 "))
        .containsExactly(URI.create("https://a:1"), URI.create("https://b:2"));
    assertThat(Parser.flag().read().apply("true")).isFalse();
    assertThat(Parser.flag().read().apply("1")).isTrue();
    assertThat(Parser.path("p").read().apply("~/x")).isEqualTo(Path.of("~/x"));
    assertThat(Parser.homePath("p").read().apply("~/x"))
        .isEqualTo(Path.of(System.getProperty("user.home"), "x"));
  }
}

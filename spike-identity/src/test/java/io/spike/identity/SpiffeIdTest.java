package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpiffeIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spiffe://spike.ist/spike/nexus",
        "spiffe://spike.ist/spike/keeper/1",
        "spiffe://example.org/a",
        "spiffe://my-domain_1.example/ns/prod/sa/Web.App-2",
        "spiffe://td/A_b.c-D",
        "spiffe://1.2.3.4/workload",
      })
  void parse_validIds_roundTrip(String text) {
    SpiffeId id = SpiffeId.parse(text);

    assertThat(id.toString()).isEqualTo(text);
    assertThat(SpiffeId.parse(id.toString())).isEqualTo(id);
    // Agrees with java-spiffe's parser on everything we accept.
    io.spiffe.spiffeid.SpiffeId reference = io.spiffe.spiffeid.SpiffeId.parse(text);
    assertThat(id.trustDomain()).isEqualTo(reference.getTrustDomain().getName());
    assertThat(id.path()).isEqualTo(reference.getPath());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "spike.ist/spike/nexus",
        "https://spike.ist/spike/nexus",
        "SPIFFE://spike.ist/spike/nexus",
        "spiffe:/spike.ist/x",
        "spiffe://",
        "spiffe:///path",
        "spiffe://spike.ist",
        "spiffe://spike.ist/",
        "spiffe://Spike.ist/x",
        "spiffe://spike.ist:8443/x",
        "spiffe://user@spike.ist/x",
        "spiffe://spike.ist/a/",
        "spiffe://spike.ist/a//b",
        "spiffe://spike.ist/./a",
        "spiffe://spike.ist/a/..",
        "spiffe://spike.ist/a?b=c",
        "spiffe://spike.ist/a#frag",
        "spiffe://spike.ist/a%20b",
        "spiffe://spike.ist/a b",
        "spiffe://spike.ist/ä",
        " spiffe://spike.ist/a",
      })
  void parse_malformedIds_throwIllegalArgument(String text) {
    assertThatThrownBy(() -> SpiffeId.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_overlongId_isRejected() {
    String text = "spiffe://spike.ist/" + "a".repeat(2100);

    assertThatThrownBy(() -> SpiffeId.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2048");
  }

  @Test
  void of_buildsTheSameIdAsParse() {
    assertThat(SpiffeId.of("spike.ist", "/spike/nexus"))
        .isEqualTo(SpiffeId.parse("spiffe://spike.ist/spike/nexus"));
  }

  @Test
  void of_pathWithoutLeadingSlash_isRejected() {
    assertThatThrownBy(() -> SpiffeId.of("spike.ist", "spike/nexus"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpiffeId.of("spike.ist", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpiffeId.of("bad domain", "/a"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isUnder_matchesEqualPathAndChildrenOnly() {
    SpiffeId keeper2 = SpiffeId.parse("spiffe://spike.ist/spike/keeper/2");

    assertThat(keeper2.isUnder("/spike/keeper/2")).isTrue();
    assertThat(keeper2.isUnder("/spike/keeper")).isTrue();
    assertThat(keeper2.isUnder("/spike")).isTrue();
    assertThat(keeper2.isUnder("/spike/keeper/")).isTrue();
    assertThat(keeper2.isUnder("/spike/keep")).isFalse();
    assertThat(keeper2.isUnder("/spike/keeper/2/x")).isFalse();
    assertThat(SpiffeId.parse("spiffe://spike.ist/spike/keeperX").isUnder("/spike/keeper"))
        .isFalse();
  }

  @Test
  void memberOf_comparesTrustDomain() {
    SpiffeId id = SpiffeId.parse("spiffe://spike.ist/a");

    assertThat(id.memberOf("spike.ist")).isTrue();
    assertThat(id.memberOf("spike.ist.evil")).isFalse();
  }
}

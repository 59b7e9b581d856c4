package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
  record Stamp(Instant at) {}

  /**
   * Seeded: every instant from 0000 to 9999, at every fraction length, reads as Instant.parse reads
   * it.
   */
  @Test
  void fastForm_readsAsInstantParse() {
    Random random = new Random(20261122L);
    long maxSecond = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    long minSecond = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      long second = minSecond + (long) (random.nextDouble() * (maxSecond - minSecond));
      Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
      String text = DateTimeFormatter.ISO_INSTANT.format(instant);
      int digits = random.nextInt(10);
      String cut =
          digits == 0
              ? text.substring(0, 19) + "Z"
              : text.substring(0, 19)
                  + "."
                  + String.format("%09d", instant.getNano()).substring(0, digits)
                  + "Z";
      assertThat(IsoInstants.parseUtc(cut)).as(cut).isEqualTo(Instant.parse(cut));
      assertThat(IsoInstants.parseUtc(instant.toString())).isEqualTo(instant);
      assertThat(Json.decode(Json.encode(new Stamp(instant)), Stamp.class).at()).isEqualTo(instant);
    }
  }

  @Test
  void otherForms_goToJackson_whichDecidesAsBefore() {
    for (String other :
        new String[] {
          "2026-11-22T01:02:03+01:00",
          "2026-11-22T01:02:03.5+00:00",
          "1990-12-31T23:59:60Z",
          "2026-11-22T01:02:03.Z",
          "2026-11-22T01:02:03.1234567890Z",
          "2026-11-22 01:02:03Z",
          "+12026-11-22T01:02:03Z",
          "2026-02-30T00:00:00Z",
          "2026-13-01T00:00:00Z",
          "2026-11-22T24:00:00Z",
          "2026-1a-22T00:00:00Z",
          "x"
        }) {
      assertThat(IsoInstants.parseUtc(other)).as(other).isNull();
    }
    assertThat(Json.decode("{\"at\":\"2026-11-22T01:02:03+01:00\"}".getBytes(), Stamp.class).at())
        .isEqualTo(Instant.parse("2026-11-22T00:02:03Z"));
    assertThat(Json.decode("{\"at\":1700000000}".getBytes(), Stamp.class).at())
        .isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThatThrownBy(
            () -> Json.decode("{\"at\":\"2026-02-30T00:00:00Z\"}".getBytes(), Stamp.class))
        .isInstanceOf(Json.JsonException.class);
    assertThatThrownBy(() -> Json.decode("{\"at\":\"not a time\"}".getBytes(), Stamp.class))
        .isInstanceOf(Json.JsonException.class);
  }
}

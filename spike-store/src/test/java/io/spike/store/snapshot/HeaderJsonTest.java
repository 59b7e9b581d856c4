package io.spike.store.snapshot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.store.ChangeLogPosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderJsonTest {

  private static final SnapshotHeader HEADER =
      new SnapshotHeader(
          1,
          Instant.parse("2026-11-21T22:30:00.123456789Z"),
          "postgres",
          new SnapshotCounts(1, 2, 3, 4),
          List.of(1, 2, 3),
          new byte[] {1, 2, 3, (byte) 0xff},
          true);

  @Test
  void encodeThenDecode_givesTheSameHeader() throws Exception {
    assertThat(HeaderJson.decode(HeaderJson.encode(HEADER))).isEqualTo(HEADER);
  }

  @Test
  void recoveryBlock_roundTrips_andIsOptional() throws Exception {
    SnapshotHeader withRecovery =
        new SnapshotHeader(
            1,
            HEADER.created(),
            "postgres",
            HEADER.counts(),
            List.of(1),
            new byte[0],
            true,
            Optional.empty(),
            Optional.of(new SnapshotRecovery(2, 3, "3f2a-91c0-0000-ffff-1234-5678-9abc-def0")));
    String json = new String(HeaderJson.encode(withRecovery), UTF_8);

    assertThat(json)
        .contains(
            "\"recovery\":{\"threshold\":2,\"shares\":3,"
                + "\"fingerprint\":\"3f2a-91c0-0000-ffff-1234-5678-9abc-def0\"}");
    assertThat(HeaderJson.decode(json.getBytes(UTF_8))).isEqualTo(withRecovery);
    assertThat(new String(HeaderJson.encode(HEADER), UTF_8)).doesNotContain("recovery");
    assertThat(HeaderJson.decode(HeaderJson.encode(HEADER)).recovery()).isEmpty();
    assertThatThrownBy(() -> HeaderJson.decode(json.replace("\"shares\":3,", "").getBytes(UTF_8)))
        .isInstanceOf(HeaderJson.MalformedHeader.class);
  }

  @Test
  void decode_skipsUnknownFields() throws Exception {
    String json =
        new String(HeaderJson.encode(HEADER), UTF_8)
            .replace("{\"formatVersion\"", "{\"future\":{\"a\":[1,{}]},\"formatVersion\"");

    assertThat(HeaderJson.decode(json.getBytes(UTF_8))).isEqualTo(HEADER);
  }

  @Test
  void decode_refusesMissingOrMistypedFieldsAndTrailingData() {
    String json = new String(HeaderJson.encode(HEADER), UTF_8);
    for (String bad :
        List.of(
            json.replace("\"backend\":\"postgres\",", ""),
            json.replace("\"signed\":true", "\"signed\":\"yes\""),
            json.replace("\"secrets\":1", "\"secrets\":-1"),
            json.replace("\"created\":\"2026", "\"created\":\"yesterday"),
            json.replace("\"keyCheck\":\"", "\"keyCheck\":\"***"),
            json + "{}",
            "[]",
            "")) {
      assertThatThrownBy(() -> HeaderJson.decode(bad.getBytes(UTF_8)))
          .as(bad)
          .isInstanceOf(HeaderJson.MalformedHeader.class)
          .hasMessageStartingWith("malformed header");
    }
  }

  @Test
  void changeLog_roundTrips_andAHeaderWithoutOneStillReads() throws Exception {
    SnapshotHeader withLog =
        new SnapshotHeader(
            HEADER.formatVersion(),
            HEADER.created(),
            HEADER.backend(),
            HEADER.counts(),
            HEADER.keyringTerms(),
            HEADER.keyCheck(),
            HEADER.signed(),
            Optional.of(new ChangeLogPosition("abc123", 42)),
            Optional.empty());

    String json = new String(HeaderJson.encode(withLog), UTF_8);

    assertThat(json).contains("\"changeLog\":{\"logId\":\"abc123\",\"lastSeq\":42}");
    assertThat(HeaderJson.decode(json.getBytes(UTF_8))).isEqualTo(withLog);
    assertThat(new String(HeaderJson.encode(HEADER), UTF_8)).doesNotContain("changeLog");
    assertThat(HeaderJson.decode(HeaderJson.encode(HEADER)).changeLog()).isEmpty();
    for (String bad :
        List.of(
            json.replace("\"lastSeq\":42", "\"lastSeq\":-1"),
            json.replace("\"logId\":\"abc123\",", ""),
            json.replace("abc123", "a/b"))) {
      assertThatThrownBy(() -> HeaderJson.decode(bad.getBytes(UTF_8)))
          .as(bad)
          .isInstanceOf(HeaderJson.MalformedHeader.class);
    }
  }
}

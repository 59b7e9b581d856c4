package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {

  @Test
  void utf8_encodes_asciiAndPairedSurrogates_exactly() throws Exception {
    for (String s : new String[] {"", "apps/db/password", "é/x", "a/\uD83D\uDE00", "a/\uE000"}) {
      assertThat(SnapshotFormat.utf8(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
      assertThat(SnapshotFormat.utf8(SnapshotFormat.utf8(s))).isEqualTo(s);
    }
  }

  @Test
  void utf8_refusesAnUnpairedSurrogate_neverReplacesIt() {
    for (String s : new String[] {"a\uD800b", "\uDC00", "x\uD83D"}) {
      assertThatThrownBy(() -> SnapshotFormat.utf8(s))
          .as(s)
          .isInstanceOf(CharacterCodingException.class);
    }
  }

  @Test
  void utf8_refusesMalformedBytes_neverReplacesThem() {
    byte[][] malformed = {
      {(byte) 0xC3}, // cut short
      {'a', (byte) 0xFF},
      {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
    };
    for (byte[] bytes : malformed) {
      assertThatThrownBy(() -> SnapshotFormat.utf8(bytes))
          .isInstanceOf(CharacterCodingException.class);
    }
  }

  @Test
  void utf8_decodesWhatTheJdkDecodes_forSeededValidText() throws Exception {
    Random random = new Random(13);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(30);
      for (int c = 0; c < length; c++) {
        int codePoint =
            random.nextBoolean() ? 0x20 + random.nextInt(0x5F) : 0x80 + random.nextInt(0x10000);
        if (Character.isSurrogate((char) codePoint)) {
          codePoint = 0x1F600 + random.nextInt(0x40); // an emoji: a surrogate pair
        }
        b.appendCodePoint(codePoint);
      }
      String s = b.toString();
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      assertThat(SnapshotFormat.utf8(s)).isEqualTo(bytes);
      assertThat(SnapshotFormat.utf8(bytes)).isEqualTo(s);
    }
  }
}

package io.spike.pilot.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.pilot.cli.UsageException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretLinesTest {
  private static List<String> lines(String text) {
    try (SecretLines l = SecretLines.of(text.getBytes(StandardCharsets.UTF_8), "stdin")) {
      return l.lines().stream().map(String::new).toList();
    }
  }

  @Test
  void of_splitsOnNewline_dropsCarriageReturn_keepsOtherWhitespace() {
    assertThat(lines("a\r\n b \n\nc")).containsExactly("a", " b ", "", "c");
    assertThat(lines("a\n")).containsExactly("a");
    assertThat(lines("")).isEmpty();
    assertThat(lines("pässwörd")).containsExactly("pässwörd");
  }

  @Test
  void close_wipesTheLines() {
    SecretLines l = SecretLines.of("secret\n".getBytes(StandardCharsets.UTF_8), "stdin");
    char[] line = l.lines().get(0);

    l.close();

    assertThat(new String(line)).isEqualTo("\0\0\0\0\0\0");
  }

  @Test
  void read_refusesTooMuch_andNonUtf8() {
    byte[] big = new byte[SecretLines.MAX_BYTES + 1];

    assertThatThrownBy(() -> SecretLines.read(new ByteArrayInputStream(big), "stdin"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("larger than");
    assertThatThrownBy(() -> SecretLines.of(new byte[] {(byte) 0xff, 'a'}, "stdin"))
        .isInstanceOf(UsageException.class)
        .hasMessage("stdin is not UTF-8 text");
  }

  @Test
  void blank_isWhitespaceOnly() {
    assertThat(SecretLines.blank(" \t".toCharArray())).isTrue();
    assertThat(SecretLines.blank(new char[0])).isTrue();
    assertThat(SecretLines.blank(" x".toCharArray())).isFalse();
  }
}

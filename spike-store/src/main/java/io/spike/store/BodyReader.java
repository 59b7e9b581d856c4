package io.spike.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;

/**
 * Reads a {@link ChangeBody} encoding, checking every length against what is left, and writes its
 * strings and byte arrays. Every refusal is an {@link IllegalArgumentException} that quotes nothing
 * of the body.
 */
final class BodyReader {

  static final String MALFORMED = "malformed change body: ";

  private final ByteBuffer in;

  BodyReader(byte[] body) {
    this.in = ByteBuffer.wrap(body);
  }

  static void string(DataOutputStream out, String s) throws IOException {
    bytes(out, s.getBytes(UTF_8));
  }

  static void bytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  long int64() {
    need(8);
    return in.getLong();
  }

  int int32() {
    need(4);
    return in.getInt();
  }

  /**
   * A count of items of at least {@code minItemBytes} each, which the rest must be able to hold.
   */
  int count(int minItemBytes) {
    int n = int32();
    if (n < 0 || (long) n * minItemBytes > in.remaining()) {
      throw malformed("a count exceeds the body");
    }
    return n;
  }

  byte[] bytes() {
    int n = int32();
    if (n < 0 || n > in.remaining()) {
      throw malformed("a length exceeds the body");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  String string() {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("a string is not UTF-8");
    }
  }

  SystemKey systemKey() {
    return SystemKey.fromId(string()).orElseThrow(() -> malformed("an unknown system record"));
  }

  void end() {
    if (in.hasRemaining()) {
      throw malformed("data after the end");
    }
  }

  private void need(int n) {
    if (in.remaining() < n) {
      throw malformed("truncated");
    }
  }

  private static IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException(MALFORMED + what);
  }
}

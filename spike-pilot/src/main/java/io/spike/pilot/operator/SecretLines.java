package io.spike.pilot.operator;

import io.spike.pilot.cli.CliFailure;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lines of secret text (recovery shards, passwords) read from a stream or a file's bytes, as {@code
 * char[]}s that {@link #close()} wipes, together with every intermediate buffer. Lines end at
 * {@code \n}; a {@code \r} before it is dropped; a last line without {@code \n} counts. Input over
 * {@value #MAX_BYTES} bytes or not UTF-8 is refused as bad usage.
 */
final class SecretLines implements AutoCloseable {
  /** More than any honest shard list or password: refuses a wrong file piped in by mistake. */
  static final int MAX_BYTES = 64 * 1024;

  private final List<char[]> lines;

  private SecretLines(List<char[]> lines) {
    this.lines = lines;
  }

  /** Reads {@code in} to its end; {@code source} names it in messages (e.g. {@code stdin}). */
  static SecretLines read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new CliFailure("cannot read " + source + ": " + e.getMessage(), e);
    }
    try {
      return of(bytes, source);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Splits {@code bytes} (which the caller still wipes) into lines. */
  static SecretLines of(byte[] bytes, String source) {
    if (bytes.length > MAX_BYTES) {
      throw new UsageException(
          source
              + " is larger than "
              + MAX_BYTES
              + " bytes; it is not a list of recovery"
              + " shards or a password");
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars;
    try {
      chars = utf8.decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new UsageException(source + " is not UTF-8 text");
    }
    try {
      return new SecretLines(split(chars));
    } finally {
      wipe(chars);
    }
  }

  /** The lines, in order; owned by this object (do not keep them past {@link #close()}). */
  List<char[]> lines() {
    return lines;
  }

  /** Whether {@code line} holds nothing but whitespace. */
  static boolean blank(char[] line) {
    for (char c : line) {
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  /** Wipes every line. */
  @Override
  public void close() {
    lines.forEach(l -> Arrays.fill(l, '\0'));
  }

  private static List<char[]> split(CharBuffer chars) {
    List<char[]> out = new ArrayList<>();
    int start = 0;
    int end = chars.limit();
    for (int i = 0; i <= end; i++) {
      if (i == end && i == start) {
        break;
      }
      if (i == end || chars.get(i) == '\n') {
        int stop = i > start && chars.get(i - 1) == '\r' ? i - 1 : i;
        char[] line = new char[stop - start];
        for (int j = start; j < stop; j++) {
          line[j - start] = chars.get(j);
        }
        out.add(line);
        start = i + 1;
      }
    }
    return out;
  }

  private static void wipe(CharBuffer chars) {
    if (chars.hasArray()) {
      Arrays.fill(chars.array(), '\0');
    } else {
      chars.clear();
      while (chars.hasRemaining()) {
        chars.put('\0');
      }
    }
  }
}

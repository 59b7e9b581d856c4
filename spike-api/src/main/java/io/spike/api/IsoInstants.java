package io.spike.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants this project writes ({@code 2026-11-22T00:27:00.700480107Z}: UTC, {@code Z}, 0
 * to 9 fraction digits) without {@link java.time.format.DateTimeFormatter}, which cost Nexus a
 * sixth of a secret get (every stored metadata and version record holds two). Anything else
 * (offsets, leap seconds, numbers, years past 9999) goes to Jackson's own {@link
 * InstantDeserializer}, so what is accepted and refused is unchanged.
 */
final class IsoInstants {
  private IsoInstants() {}

  /**
   * The instant {@code text} names in the fast form, or {@code null} when it is not in that form.
   */
  static Instant parseUtc(String text) {
    int n = text.length();
    if (n < 20
        || n > 30
        || text.charAt(n - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      if (text.charAt(19) != '.' || n == 21) {
        return null;
      }
      int fraction = digits(text, 20, n - 1);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction;
      for (int i = n - 1 - 20; i < 9; i++) {
        nanos *= 10;
      }
    } else if (text.charAt(19) != 'Z') {
      return null;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
  }

  /**
   * The decimal number in {@code text[from, to)}, or -1 when any character there is not a digit.
   */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Jackson's instant deserializer with {@link #parseUtc} in front. */
  static final class Deserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        Instant fast = parseUtc(parser.getText());
        if (fast != null) {
          return fast;
        }
      }
      return InstantDeserializer.INSTANT.deserialize(parser, context);
    }
  }
}

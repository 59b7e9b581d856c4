package io.spike.store.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.spike.store.ChangeLogPosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The header section's JSON: {@code formatVersion}, {@code created} (RFC 3339), {@code backend},
 * {@code counts {secrets, versions, policies, system}}, {@code keyringTerms}, {@code keyCheck}
 * (base64), {@code signed}, and optionally {@code changeLog {logId, lastSeq}} (absent in snapshots
 * written before the change log) and {@code recovery {threshold, shares, fingerprint}}. Unknown
 * fields are skipped when reading; missing required ones are refused.
 */
final class HeaderJson {

  private static final JsonFactory JSON = new JsonFactory();

  /** The header does not parse; the message never quotes the file. */
  static final class MalformedHeader extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedHeader(String message) {
      super(message);
    }
  }

  private HeaderJson() {}

  static byte[] encode(SnapshotHeader h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("formatVersion", h.formatVersion());
      g.writeStringField("created", h.created().toString());
      g.writeStringField("backend", h.backend());
      g.writeObjectFieldStart("counts");
      g.writeNumberField("secrets", h.counts().secrets());
      g.writeNumberField("versions", h.counts().versions());
      g.writeNumberField("policies", h.counts().policies());
      g.writeNumberField("system", h.counts().system());
      g.writeEndObject();
      g.writeArrayFieldStart("keyringTerms");
      for (int term : h.keyringTerms()) {
        g.writeNumber(term);
      }
      g.writeEndArray();
      g.writeStringField("keyCheck", Base64.getEncoder().encodeToString(h.keyCheck()));
      g.writeBooleanField("signed", h.signed());
      if (h.changeLog().isPresent()) {
        g.writeObjectFieldStart("changeLog");
        g.writeStringField("logId", h.changeLog().get().logId());
        g.writeNumberField("lastSeq", h.changeLog().get().lastSeq());
        g.writeEndObject();
      }
      if (h.recovery().isPresent()) {
        writeRecovery(g, h.recovery().get());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode header", e); // in-memory: cannot happen
    }
    return out.toByteArray();
  }

  static SnapshotHeader decode(byte[] json) throws MalformedHeader {
    try (JsonParser p = JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      Integer formatVersion = null;
      Instant created = null;
      String backend = null;
      SnapshotCounts counts = null;
      List<Integer> terms = null;
      byte[] keyCheck = null;
      Boolean signed = null;
      ChangeLogPosition changeLog = null;
      SnapshotRecovery recovery = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "formatVersion" -> formatVersion = integer(p, value);
          case "created" -> created = Instant.parse(text(p, value));
          case "backend" -> backend = text(p, value);
          case "counts" -> counts = counts(p, value);
          case "keyringTerms" -> terms = terms(p, value);
          case "keyCheck" -> keyCheck = Base64.getDecoder().decode(text(p, value));
          case "signed" -> signed = bool(value);
          case "changeLog" -> changeLog = changeLog(p, value);
          case "recovery" -> recovery = recovery(p, value);
          default -> p.skipChildren();
        }
      }
      expect(p.currentToken(), JsonToken.END_OBJECT);
      if (p.nextToken() != null) {
        throw new MalformedHeader("malformed header: data after the JSON object");
      }
      return new SnapshotHeader(
          required(formatVersion, "formatVersion"),
          required(created, "created"),
          required(backend, "backend"),
          required(counts, "counts"),
          required(terms, "keyringTerms"),
          required(keyCheck, "keyCheck"),
          required(signed, "signed"),
          Optional.ofNullable(changeLog),
          Optional.ofNullable(recovery));
    } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
      throw new MalformedHeader("malformed header: " + e.getClass().getSimpleName());
    }
  }

  private static SnapshotCounts counts(JsonParser p, JsonToken start)
      throws IOException, MalformedHeader {
    expect(start, JsonToken.START_OBJECT);
    Long secrets = null;
    Long versions = null;
    Long policies = null;
    Long system = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "secrets" -> secrets = number(p, value);
        case "versions" -> versions = number(p, value);
        case "policies" -> policies = number(p, value);
        case "system" -> system = number(p, value);
        default -> p.skipChildren();
      }
    }
    return new SnapshotCounts(
        required(secrets, "counts.secrets"),
        required(versions, "counts.versions"),
        required(policies, "counts.policies"),
        required(system, "counts.system"));
  }

  private static ChangeLogPosition changeLog(JsonParser p, JsonToken start)
      throws IOException, MalformedHeader {
    expect(start, JsonToken.START_OBJECT);
    String logId = null;
    Long lastSeq = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "logId" -> logId = text(p, value);
        case "lastSeq" -> lastSeq = number(p, value);
        default -> p.skipChildren();
      }
    }
    return new ChangeLogPosition(
        required(logId, "changeLog.logId"), required(lastSeq, "changeLog.lastSeq"));
  }

  private static void writeRecovery(JsonGenerator g, SnapshotRecovery r) throws IOException {
    g.writeObjectFieldStart("recovery");
    g.writeNumberField("threshold", r.threshold());
    g.writeNumberField("shares", r.shares());
    g.writeStringField("fingerprint", r.fingerprint());
    g.writeEndObject();
  }

  private static SnapshotRecovery recovery(JsonParser p, JsonToken start)
      throws IOException, MalformedHeader {
    expect(start, JsonToken.START_OBJECT);
    Integer threshold = null;
    Integer shares = null;
    String fingerprint = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "threshold" -> threshold = integer(p, value);
        case "shares" -> shares = integer(p, value);
        case "fingerprint" -> fingerprint = text(p, value);
        default -> p.skipChildren();
      }
    }
    return new SnapshotRecovery(
        required(threshold, "recovery.threshold"),
        required(shares, "recovery.shares"),
        required(fingerprint, "recovery.fingerprint"));
  }

  private static List<Integer> terms(JsonParser p, JsonToken start)
      throws IOException, MalformedHeader {
    expect(start, JsonToken.START_ARRAY);
    List<Integer> terms = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      terms.add(integer(p, t));
    }
    return terms;
  }

  private static void expect(JsonToken actual, JsonToken expected) throws MalformedHeader {
    if (actual != expected) {
      throw new MalformedHeader("malformed header: expected " + expected + ", found " + actual);
    }
  }

  private static long number(JsonParser p, JsonToken t) throws IOException, MalformedHeader {
    expect(t, JsonToken.VALUE_NUMBER_INT);
    return p.getLongValue();
  }

  private static int integer(JsonParser p, JsonToken t) throws IOException, MalformedHeader {
    expect(t, JsonToken.VALUE_NUMBER_INT);
    return p.getIntValue();
  }

  private static String text(JsonParser p, JsonToken t) throws IOException, MalformedHeader {
    expect(t, JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static boolean bool(JsonToken t) throws MalformedHeader {
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw new MalformedHeader("malformed header: expected a boolean, found " + t);
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static <T> T required(T value, String field) throws MalformedHeader {
    if (value == null) {
      throw new MalformedHeader("malformed header: '" + field + "' is missing");
    }
    return value;
  }
}

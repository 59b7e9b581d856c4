package io.spike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.it.RawClient.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The stateless helpers of {@link HostileIT}'s cases: request bodies as a hostile client writes
 * them, the check of an answer's status and error code, and digests that let a failure message
 * compare values without showing them.
 */
final class HostileCases {
  private HostileCases() {}

  /** Asserts the answer's status and error code (the failure shows the answer's field names). */
  static void assertAnswer(Answer a, int status, String err) {
    assertThat(a.status()).as(a.toString()).isEqualTo(status);
    assertThat(a.err()).as(a.toString()).isEqualTo(err);
  }

  /** A policy-put body. */
  static String policyJson(String name, String spiffeid, String path, String... permissions) {
    StringBuilder perms = new StringBuilder();
    for (String p : permissions) {
      perms.append(perms.length() == 0 ? "" : ",").append(RawClient.quote(p));
    }
    return "{\"name\":"
        + RawClient.quote(name)
        + ",\"spiffeidPattern\":"
        + RawClient.quote(spiffeid)
        + ",\"pathPattern\":"
        + RawClient.quote(path)
        + ",\"permissions\":["
        + perms
        + "]}";
  }

  /** A secret-put body with one value. */
  static String put(String path, String key, String value) {
    return "{\"path\":"
        + RawClient.quote(path)
        + ",\"values\":{"
        + RawClient.quote(key)
        + ":"
        + RawClient.quote(value)
        + "}}";
  }

  /** A secret-get body for the current version. */
  static String get(String path) {
    return "{\"path\":" + RawClient.quote(path) + ",\"version\":0}";
  }

  /** The field names of a JSON object, in order. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** 32 random bytes shaped like a shard (first byte 1). */
  static byte[] randomShard() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    b[0] = 0x01;
    return b;
  }

  /** A shard as a JSON array of unsigned bytes. */
  static String ints(byte[] shard) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shard.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shard[i] & 0xff);
    }
    return sb.append(']').toString();
  }

  /** A JSON array of ints as bytes. */
  static byte[] bytes(JsonNode ints) {
    byte[] b = new byte[ints.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) ints.get(i).asInt();
    }
    return b;
  }

  /** The first 16 hex digits of SHA-256: comparable, and safe to print. */
  static String digest(byte[] b) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(b))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SHA-256 of a line, in hex. */
  static String sha256(String line) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
  }

  /** The POSIX permissions of a file, as {@code rw-------}. */
  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Patterns using a construct RE2 lacks, each with the construct. */
  static Stream<Arguments> unsupportedPatterns() {
    return Stream.of(
        Arguments.of(
            "a back-reference in the SPIFFE ID pattern",
            "^spiffe://spike\\.ist/(a)\\1$",
            "^apps/.*$",
            "\\1"),
        Arguments.of(
            "a look-ahead in the path pattern",
            "^spiffe://spike\\.ist/x$",
            "^apps/(?=x).*$",
            "(?="),
        Arguments.of(
            "a look-behind in the path pattern",
            "^spiffe://spike\\.ist/x$",
            "^apps/(?<=x)y$",
            "(?<"),
        Arguments.of(
            "a negative look-ahead in the path pattern",
            "^spiffe://spike\\.ist/x$",
            "^(?!secret).*$",
            "(?!"));
  }

  /** Policy names the API refuses, each with what is wrong with it. */
  static Stream<Arguments> malformedPolicyNames() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("257 characters", "p".repeat(257)),
        Arguments.of("a control character", "web\u0000read"),
        Arguments.of("a right-to-left override", "web-\u202edaer"),
        Arguments.of("an unpaired surrogate", "web\udbff"),
        Arguments.of("a trailing space", "web-read "));
  }

  /** Secret paths the API refuses, each with what is wrong with it. */
  static Stream<Arguments> malformedPaths() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("1025 characters", "a".repeat(1025)),
        Arguments.of("a C0 control character", "apps/ctl\u0001x"),
        Arguments.of("a DEL", "apps/del\u007fx"),
        Arguments.of("a C1 control character", "apps/c1\u0085x"),
        Arguments.of("an unpaired high surrogate", "apps/web/x\ud800"),
        Arguments.of("an unpaired low surrogate", "apps/\udc00x"),
        Arguments.of("a right-to-left override", "apps/\u202egnp.exe"),
        Arguments.of("a first-strong isolate", "apps/\u2068x"),
        Arguments.of("a noncharacter U+FDD0", "apps/\ufdd0x"),
        Arguments.of("a noncharacter U+FFFF", "apps/\uffffx"),
        Arguments.of("a leading space", " apps/lead"),
        Arguments.of("a trailing space", "apps/trail "),
        Arguments.of("a trailing no-break space", "apps/trail\u00a0"));
  }

  /** Paths that look like {@code apps/web/db} but carry an invisible format character. */
  static Stream<Arguments> invisiblePathCharacters() {
    return Stream.of(
        Arguments.of("a zero-width space U+200B", "apps/web/db\u200b"),
        Arguments.of("a zero-width joiner U+200D", "apps/web/d\u200db"),
        Arguments.of("a word joiner U+2060", "apps/web\u2060/db"),
        Arguments.of("a byte-order mark U+FEFF", "\ufeffapps/web/db"),
        Arguments.of("a soft hyphen U+00AD", "apps/web/d\u00adb"));
  }

  /** Paths the CLI refuses before sending anything. */
  static Stream<Arguments> cliMalformedPaths() {
    return Stream.of(
        Arguments.of("a control character", "apps/ctl\u0001x"),
        Arguments.of("a right-to-left override", "apps/\u202egnp.exe"),
        Arguments.of("a leading space", " apps/lead"),
        Arguments.of("a trailing space", "apps/trail "));
  }
}

package io.spike.api;

import static io.spike.api.JsonAsserts.decodeFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.spike.api.wire.BootstrapVerifyRequest;
import io.spike.api.wire.BootstrapVerifyResponse;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.api.wire.Empty;
import io.spike.api.wire.ErrorResponse;
import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.Policy;
import io.spike.api.wire.PolicyIdRequest;
import io.spike.api.wire.PolicyIdResponse;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyListResponse;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.ReencryptRequest;
import io.spike.api.wire.ReencryptResponse;
import io.spike.api.wire.RestoreRequest;
import io.spike.api.wire.RestoreResponse;
import io.spike.api.wire.RotateRequest;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretGetResponse;
import io.spike.api.wire.SecretListResponse;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.api.wire.SecretPutRequest;
import io.spike.api.wire.SecretVersionsRequest;
import io.spike.api.wire.ShardRequest;
import io.spike.api.wire.ShardResponse;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.SnapshotVerifyResponse;
import io.spike.api.wire.StatusResponse;
import io.spike.api.wire.Subject;
import io.spike.api.wire.UnsealResponse;
import io.spike.api.wire.VerifyShardResponse;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_spikeShapedPut_readsPathAndValues() {
    SecretPutRequest put =
        Json.decode(
            utf8("{\"path\":\"apps/web/db\",\"values\":{\"user\":\"u\",\"pass\":\"p\"}}"),
            SecretPutRequest.class);
    assertThat(put.path()).isEqualTo("apps/web/db");
    assertThat(put.values()).containsEntry("user", "u").containsEntry("pass", "p");
  }

  @Test
  void decode_missingVersion_meansCurrent() {
    assertThat(Json.decode(utf8("{\"path\":\"a\"}"), SecretGetRequest.class).version()).isZero();
  }

  @Test
  void decode_unknownFields_areIgnored() {
    assertThat(Json.decode(utf8("{\"path\":\"a\",\"extra\":1}"), SecretGetRequest.class).path())
        .isEqualTo("a");
  }

  @Test
  void decode_malformed_failsWithoutEchoingInput() {
    for (String bad :
        List.of(
            "{",
            "not json",
            "{\"path\":\"a\"} trailing",
            "[1,2]",
            "",
            "null",
            "{\"path\":\"a\",\"version\":\"SECRETXYZ\"}")) {
      assertThatThrownBy(() -> Json.decode(utf8(bad), SecretGetRequest.class))
          .as(bad)
          .isInstanceOf(Json.JsonException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETXYZ"));
    }
  }

  @Test
  void decode_wrongTypeUnderAMapKeyOrInAList_namesTheFieldNeverTheKey() {
    decodeFails("{\"path\":\"a\",\"values\":{\"alice-db-password\":[1]}}", SecretPutRequest.class)
        .hasMessage("malformed SecretPutRequest at 'values': wrong type or missing value");
    decodeFails("{\"shards\":{\"k3y\":0}}", RecoverResponse.class).hasMessageNotContaining("k3y");
    decodeFails("{\"path\":\"a\",\"versions\":[1,\"x\"]}", SecretVersionsRequest.class)
        .hasMessage("malformed SecretVersionsRequest at 'versions': wrong type or missing value");
    decodeFails("{\"details\":{\"keepers\":[{\"id\":\"x\"}]}}", StatusResponse.class)
        .hasMessage("malformed StatusResponse at 'id': wrong type or missing value");
  }

  @Test
  void decode_malformedUtf8_isRefused_soNothingDecodedFailsToEncodeBack() {
    byte[] invalidLead = {(byte) 0xf6, (byte) 0x86, (byte) 0xaf, (byte) 0x97};
    byte[] overlongNul = {(byte) 0xc0, (byte) 0x80};
    byte[] encodedSurrogate = {(byte) 0xed, (byte) 0xb0, (byte) 0x80};
    byte[] truncated = {(byte) 0xe4, (byte) 0xb8};
    byte[] aboveU10ffff = {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
    for (byte[] bad :
        List.of(invalidLead, overlongNul, encodedSurrogate, truncated, aboveU10ffff)) {
      byte[] inKey = Fixture.concat("{\"path\":\"a\",\"values\":{\"k", bad, "\":\"v\"}}");
      byte[] inValue = Fixture.concat("{\"path\":\"a\",\"values\":{\"k\":\"", bad, "\"}}");
      for (byte[] body : List.of(inKey, inValue)) {
        assertThatThrownBy(() -> Json.decode(body, SecretPutRequest.class))
            .isInstanceOf(Json.JsonException.class)
            .hasMessage("body is not valid UTF-8");
      }
    }
    SecretPutRequest put =
        Json.decode(
            utf8("{\"path\":\"a\",\"values\":{\"\u00e9\u4e2d\ud83d\ude00\":\"\u00ff\"}}"),
            SecretPutRequest.class);
    assertThat(put.values()).containsEntry("\u00e9\u4e2d\ud83d\ude00", "\u00ff");
    assertThat(Json.decode(Json.encode(put), SecretPutRequest.class)).isEqualTo(put);
  }

  /** Bodies with raw bytes in them. */
  private static final class Fixture {
    static byte[] concat(String head, byte[] middle, String tail) {
      byte[] h = utf8(head);
      byte[] t = utf8(tail);
      byte[] out = Arrays.copyOf(h, h.length + middle.length + t.length);
      System.arraycopy(middle, 0, out, h.length, middle.length);
      System.arraycopy(t, 0, out, h.length + middle.length, t.length);
      return out;
    }
  }

  @Test
  void decode_deepNesting_isRefused() {
    String deep = "{\"path\":\"a\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
    decodeFails(deep, SecretGetRequest.class);
  }

  @Test
  void encode_empty_isEmptyObject() {
    assertThat(new String(Json.encode(Empty.INSTANCE), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void encode_metadata_usesSpikeFieldNamesAndRfc3339() {
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    var response =
        new SecretMetadataResponse(
            Map.of("1", new SecretMetadataResponse.VersionInfo(t, 1, Optional.empty())),
            new SecretMetadataResponse.Metadata(1, 1, t, t, 10));
    String json = new String(Json.encode(response), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"versions\":{\"1\":{\"createdTime\":\"2026-01-02T03:04:05Z\",\"version\":1}}")
        .contains("\"currentVersion\":1")
        .contains("\"maxVersions\":10")
        .doesNotContain("deletedTime");
    assertThat(Json.decode(json.getBytes(StandardCharsets.UTF_8), SecretMetadataResponse.class))
        .isEqualTo(response);
  }

  @Test
  void metadata_versions_areOrderedByNumber() {
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    Map<String, SecretMetadataResponse.VersionInfo> versions = new HashMap<>();
    for (int v : new int[] {10, 2, 1, 9, 11}) {
      versions.put(
          Integer.toString(v), new SecretMetadataResponse.VersionInfo(t, v, Optional.empty()));
    }
    var response =
        new SecretMetadataResponse(versions, new SecretMetadataResponse.Metadata(11, 1, t, t, 10));
    assertThat(response.versions().keySet()).containsExactly("1", "2", "9", "10", "11");
  }

  @Test
  void status_roundTrips() {
    var status =
        StatusResponse.detailed(
            "sealed",
            true,
            new StatusResponse.Details(
                3,
                2,
                new StatusResponse.Restore(1, 1),
                List.of(
                    new StatusResponse.Keeper(
                        1, "https://localhost:8443", false, Optional.empty())),
                "sqlite",
                Optional.empty(),
                Optional.empty()));
    StatusResponse back = Json.decode(Json.encode(status), StatusResponse.class);
    assertThat(back).isEqualTo(status);
    assertThat(back.sealed()).isTrue();
    assertThat(new String(Json.encode(status), StandardCharsets.UTF_8))
        .doesNotContain("\"sealed\":");
  }

  /**
   * Every type a request or response body is decoded into: the fuzz target picks one by the first
   * byte of its input ({@code 'A'} is the first, {@code 'B'} the second, ...).
   */
  static final List<Class<?>> WIRE_TYPES =
      List.of(
          ShardRequest.class,
          ShardResponse.class,
          RestoreRequest.class,
          RestoreResponse.class,
          SecretPutRequest.class,
          SecretGetRequest.class,
          SecretGetResponse.class,
          SecretVersionsRequest.class,
          SecretListResponse.class,
          SecretMetadataResponse.class,
          PolicyPutRequest.class,
          PolicyIdRequest.class,
          PolicyIdResponse.class,
          PolicyListRequest.class,
          PolicyListResponse.class,
          Policy.class,
          CipherText.class,
          CipherPlaintext.class,
          PasswordRequest.class,
          RotateRequest.class,
          BootstrapVerifyRequest.class,
          BootstrapVerifyResponse.class,
          RecoverResponse.class,
          UnsealResponse.class,
          StatusResponse.class,
          StatusResponse.Audit.class,
          SnapshotVerifyResponse.class,
          ErrorResponse.class,
          Empty.class,
          ReencryptRequest.class,
          ReencryptResponse.class,
          StatusResponse.Details.class,
          VerifyShardResponse.class);

  /** Types whose toString must never show what they carry. */
  private static final Set<Class<?>> REDACTED =
      Set.of(
          ShardRequest.class,
          ShardResponse.class,
          RestoreRequest.class,
          CipherPlaintext.class,
          PasswordRequest.class,
          RecoverResponse.class);

  private static final Pattern WORD = Pattern.compile("[^A-Za-z0-9_]+");

  /**
   * Every word a JsonException message may hold: the fixed texts of Json and of the records' own
   * checks, type names and record component names. A word from anywhere else came from the input.
   */
  private static final Set<String> VOCABULARY = vocabulary();

  private static Set<String> vocabulary() {
    Set<String> words = new HashSet<>();
    Stream.of(
            "empty body; send a JSON object",
            "body is null; send a JSON object",
            "malformed JSON",
            "malformed at '': wrong type or missing value",
            "invalid",
            "body is not valid UTF-8",
            "a shard is an array of 32 integers",
            "shard values are integers 0..255",
            "a shard is 32 bytes",
            // Names: the one validation of secret paths and policy names (positions are numbers)
            "path is empty",
            "policy name is empty",
            "is longer than characters",
            "holds an unpaired UTF-16 surrogate at position (malformed text)",
            "holds a control character at position",
            "holds a bidirectional formatting character at position",
            "holds a Unicode noncharacter at position",
            "holds an invisible format character at position",
            "starts or ends with whitespace",
            "paths under spike/ are reserved for the system; no secret may live there",
            // ReencryptRequest
            "batch must be (0: )",
            // CipherPlaintext's one property (a destroyable class, not a record)
            "plaintext")
        .flatMap(WORD::splitAsStream)
        .forEach(words::add);
    for (Class<?> type : WIRE_TYPES) {
      words.add(type.getSimpleName());
      Stream.concat(Stream.of(type), Arrays.stream(type.getDeclaredClasses()))
          .filter(Class::isRecord)
          .flatMap(c -> Arrays.stream(c.getRecordComponents()))
          .map(RecordComponent::getName)
          .forEach(words::add);
    }
    words.remove("");
    return Set.copyOf(words);
  }

  @Test
  void wireTypes_holdEveryTypeOfTheWirePackage() throws IOException, URISyntaxException {
    Path wire =
        Path.of(Empty.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/spike/api/wire");
    Set<String> declared;
    try (Stream<Path> files = Files.list(wire)) {
      declared =
          files
              .map(f -> f.getFileName().toString())
              .filter(
                  n -> n.endsWith(".class") && !n.contains("$") && !n.startsWith("package-info"))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .collect(Collectors.toSet());
    }
    declared.remove(ShardValue.class.getSimpleName()); // a field type, never a body of its own
    declared.remove(Subject.class.getSimpleName()); // an interface of request records, never a body
    declared.remove("SecretArrays"); // package-private array handling of the destroyable values
    assertThat(
            WIRE_TYPES.stream()
                .filter(t -> t.getEnclosingClass() == null)
                .map(Class::getSimpleName))
        .containsExactlyInAnyOrderElementsOf(declared);
  }

  private static boolean strictUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * Fuzz target (regression inputs in JsonTestInputs/): the first byte picks a wire type, the rest
   * is the body. Decoding either gives a value or a JsonException (a 400) whose message is made
   * only of fixed words, type names and field names (so it never echoes the body); a decoded value
   * encodes and decodes back to an equal value, and records that carry secrets print redacted. Any
   * other exception is a bug. The UTF-8 check agrees with the JDK's.
   */
  @FuzzTest(maxDuration = "60s")
  void decode_fuzzedBody_givesAValueOrATerseJsonException(byte[] input) {
    if (input.length == 0) {
      return;
    }
    Class<?> type = WIRE_TYPES.get(Math.floorMod(input[0] - 'A', WIRE_TYPES.size()));
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    assertThat(Json.isWellFormedUtf8(body))
        .as("UTF-8 check agrees with the JDK's strict decoder")
        .isEqualTo(strictUtf8(body));
    Object value;
    try {
      value = Json.decode(body, type);
    } catch (Json.JsonException e) {
      assertThat(e.getCause()).isNull();
      assertThat(WORD.splitAsStream(e.getMessage()).filter(w -> !w.isEmpty()))
          .as("words of '%s'", e.getMessage())
          .allMatch(w -> VOCABULARY.contains(w) || w.matches("[0-9]{1,5}"));
      return;
    }
    assertThat(value).isInstanceOf(type);
    assertThat(Json.decode(Json.encode(value), type)).isEqualTo(value);
    if (REDACTED.contains(type)) {
      assertThat(value.toString()).contains("redacted");
    } else {
      assertThat(value.toString()).isNotNull();
    }
  }
}

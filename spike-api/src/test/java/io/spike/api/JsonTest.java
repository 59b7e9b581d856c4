package io.spike.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.wire.Empty;
import io.spike.api.wire.RecoverResponse;
import io.spike.api.wire.SecretGetRequest;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.api.wire.SecretPutRequest;
import io.spike.api.wire.SecretVersionsRequest;
import io.spike.api.wire.StatusResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_spikeShapedPut_readsPathAndValues() {
    SecretPutRequest put = Json.decode(utf8("{\"path\":\"apps/web/db\",\"values\":{\"user\":\"u\",\"pass\":\"p\"}}"),
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
    assertThat(Json.decode(utf8("{\"path\":\"a\",\"extra\":1}"), SecretGetRequest.class).path()).isEqualTo("a");
  }

  @Test
  void decode_malformed_failsWithoutEchoingInput() {
    for (String bad : List.of("{", "not json", "{\"path\":\"a\"} trailing", "[1,2]", "", "null",
        "{\"path\":\"a\",\"version\":\"SECRETXYZ\"}")) {
      assertThatThrownBy(() -> Json.decode(utf8(bad), SecretGetRequest.class))
          .as(bad)
          .isInstanceOf(Json.JsonException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETXYZ"));
    }
  }

  @Test
  void decode_wrongTypeUnderAMapKeyOrInAList_namesTheFieldNeverTheKey() {
    assertThatThrownBy(() -> Json.decode(utf8("{\"path\":\"a\",\"values\":{\"alice-db-password\":[1]}}"),
        SecretPutRequest.class))
        .isInstanceOf(Json.JsonException.class)
        .hasMessage("malformed SecretPutRequest at 'values': wrong type or missing value");
    assertThatThrownBy(() -> Json.decode(utf8("{\"shards\":{\"k3y\":0}}"), RecoverResponse.class))
        .isInstanceOf(Json.JsonException.class)
        .hasMessageNotContaining("k3y");
    assertThatThrownBy(() -> Json.decode(utf8("{\"path\":\"a\",\"versions\":[1,\"x\"]}"),
        SecretVersionsRequest.class))
        .isInstanceOf(Json.JsonException.class)
        .hasMessage("malformed SecretVersionsRequest at 'versions': wrong type or missing value");
    assertThatThrownBy(() -> Json.decode(utf8("{\"keepers\":[{\"id\":\"x\"}]}"), StatusResponse.class))
        .isInstanceOf(Json.JsonException.class)
        .hasMessage("malformed StatusResponse at 'id': wrong type or missing value");
  }

  @Test
  void decode_deepNesting_isRefused() {
    String deep = "{\"path\":\"a\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
    assertThatThrownBy(() -> Json.decode(utf8(deep), SecretGetRequest.class)).isInstanceOf(Json.JsonException.class);
  }

  @Test
  void encode_empty_isEmptyObject() {
    assertThat(new String(Json.encode(Empty.INSTANCE), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void encode_metadata_usesSpikeFieldNamesAndRfc3339() {
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    var response = new SecretMetadataResponse(
        Map.of("1", new SecretMetadataResponse.VersionInfo(t, 1, Optional.empty())),
        new SecretMetadataResponse.Metadata(1, 1, t, t, 10));
    String json = new String(Json.encode(response), StandardCharsets.UTF_8);
    assertThat(json).contains("\"versions\":{\"1\":{\"createdTime\":\"2026-01-02T03:04:05Z\",\"version\":1}}")
        .contains("\"currentVersion\":1").contains("\"maxVersions\":10").doesNotContain("deletedTime");
    assertThat(Json.decode(json.getBytes(StandardCharsets.UTF_8), SecretMetadataResponse.class)).isEqualTo(response);
  }

  @Test
  void metadata_versions_areOrderedByNumber() {
    Instant t = Instant.parse("2026-01-02T03:04:05Z");
    java.util.Map<String, SecretMetadataResponse.VersionInfo> versions = new java.util.HashMap<>();
    for (int v : new int[] {10, 2, 1, 9, 11}) {
      versions.put(Integer.toString(v), new SecretMetadataResponse.VersionInfo(t, v, Optional.empty()));
    }
    var response = new SecretMetadataResponse(versions, new SecretMetadataResponse.Metadata(11, 1, t, t, 10));
    assertThat(response.versions().keySet()).containsExactly("1", "2", "9", "10", "11");
  }

  @Test
  void status_roundTrips() {
    var status = StatusResponse.detailed("sealed", true, new StatusResponse.Details(3, 2, new StatusResponse.Restore(1, 1), List.of(new StatusResponse.Keeper(1, "https://localhost:8443", false, Optional.empty())), "sqlite", Optional.empty(), Optional.empty()));
    StatusResponse back = Json.decode(Json.encode(status), StatusResponse.class);
    assertThat(back).isEqualTo(status);
    assertThat(back.sealed()).isTrue();
    assertThat(new String(Json.encode(status), StandardCharsets.UTF_8)).doesNotContain("\"sealed\":");
  }
}

package io.spike.pilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.ErrorCode;
import io.spike.api.Json;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorMessagesTest {
  private static final URI NEXUS = URI.create("https://localhost:8553");

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyCode_isOneLine_namingTheCodeAndAHint(ErrorCode code) {
    String line =
        ErrorMessages.forApi(
            new ApiException(code, "detail\nwith newline"),
            "read apps/web/db",
            "spiffe://spike.ist/w");

    assertThat(line).startsWith(code.wire() + ": ").doesNotContain("\n").contains(";");
  }

  @Test
  void unauthorized_namesCallerAndAttempt() {
    String line =
        ErrorMessages.forApi(
            new ApiException(ErrorCode.UNAUTHORIZED, null),
            "read apps/web/db",
            "spiffe://spike.ist/w");

    assertThat(line)
        .isEqualTo(
            "access_unauthorized: spiffe://spike.ist/w may not read apps/web/db;"
                + " ask an admin for a policy that grants it");
  }

  @Test
  void notReady_saysSealed() {
    assertThat(
            ErrorMessages.forApi(new ApiException(ErrorCode.NOT_READY, null), "list secrets", "x"))
        .startsWith("state_not_ready: Nexus is sealed")
        .contains("spike status");
  }

  @Test
  void serverDetail_isKept() {
    assertThat(
            ErrorMessages.forApi(
                new ApiException(ErrorCode.BAD_REQUEST, "path too long"), "write x", "c"))
        .contains("(path too long)");
  }

  @Test
  void refused_suggestsDevUp() {
    ApiUnreachableException e =
        new ApiUnreachableException("cannot reach", new ConnectException("refused"));

    assertThat(ErrorMessages.forUnreachable(e, NEXUS))
        .isEqualTo(
            "cannot reach Nexus at https://localhost:8553 (connection refused); is it running? try ./spike dev up");
  }

  @Test
  void timeout_saysTimedOut() {
    ApiUnreachableException e = new ApiUnreachableException("x", new HttpTimeoutException("slow"));

    assertThat(ErrorMessages.forUnreachable(e, NEXUS)).contains("(timed out)");
  }

  @Test
  void handshake_saysTheServerIsNotNexus() {
    SSLHandshakeException tls = new SSLHandshakeException("handshake failed");
    tls.initCause(
        new CertificateException(
            "the server SPIFFE ID spiffe://spike.ist/spike/keeper/1 is not accepted here"));
    String line = ErrorMessages.forUnreachable(new ApiUnreachableException("x", tls), NEXUS);

    assertThat(line)
        .contains("identity is not Nexus")
        .contains("spike/keeper/1 is not accepted")
        .doesNotContain("\n");
  }

  @Test
  void oneLine_flattensAndCuts() {
    assertThat(ErrorMessages.oneLine("a\n\tb  c\u0007", 100)).isEqualTo("a b c");
    assertThat(ErrorMessages.oneLine("abcdef", 3)).isEqualTo("abc...");
  }

  @Test
  void serverDetail_isParenthesised_orEmpty() {
    assertThat(
            ErrorMessages.serverDetail(
                new ApiException(ErrorCode.BAD_REQUEST, "shard 2 is\nwrong")))
        .isEqualTo(" (shard 2 is wrong)");
    assertThat(ErrorMessages.serverDetail(new ApiException(ErrorCode.BAD_REQUEST, null))).isEmpty();
  }

  @Test
  void forUnreadable_namesNexusAndWhatWasWrong() {
    Json.JsonException e =
        assertThrows(Json.JsonException.class, () -> Json.decode(new byte[0], ErrorCode.class));

    assertThat(ErrorMessages.forUnreadable(e, URI.create("https://localhost:8553")))
        .isEqualTo(
            "Nexus at https://localhost:8553 sent an answer this CLI cannot read (empty body;"
                + " send a JSON object)");
  }
}

package io.spike.pilot.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.cli.NexusConnector;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CipherDecryptTest {
  private static final String DOC =
      "{\"version\":1,\"nonce\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"AQID\"}";
  private static final byte[] PLAIN = {0, 1, 2, (byte) 0xff, '\n'};

  @TempDir Path dir;

  /** {@code spike cipher decrypt} with {@code stdin} piped in. */
  private static Cli.Result decrypt(NexusConnector nexus, String stdin) {
    return Cli.piped(nexus, stdin, "cipher", "decrypt");
  }

  private static String answer() {
    return "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(PLAIN) + "\"}";
  }

  @Test
  void decrypt_stdin_writesRawBytes() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.CIPHER_DECRYPT, "", 200, answer())) {
      Cli.Result r = decrypt(nexus.connector(), DOC);

      assertThat(r.code()).isZero();
      assertThat(r.outBytes()).isEqualTo(PLAIN);
      assertThat(nexus.requests().get(0).body()).isEqualTo(DOC);
    }
  }

  @Test
  void decrypt_toFile_isOwnerOnly() throws Exception {
    Path in = Files.writeString(dir.resolve("c.json"), DOC);
    Path out = dir.resolve("plain.bin");
    FakeServer.exchange(
        Routes.CIPHER_DECRYPT,
        "",
        200,
        answer(),
        "cipher",
        "decrypt",
        "--file",
        in.toString(),
        "--out",
        out.toString());

    assertThat(Files.readAllBytes(out)).isEqualTo(PLAIN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void decrypt_notADocument_exits2_withoutNetwork() {
    Cli.Result r = decrypt(Cli.NO_NETWORK, "plain text");
    Cli.Result empty = decrypt(Cli.NO_NETWORK, "{\"version\":1}");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("not a ciphertext document");
    assertThat(empty.code()).isEqualTo(2);
  }

  @Test
  void decrypt_refused_exits1() throws Exception {
    try (FakeServer nexus =
        new FakeServer().on(Routes.CIPHER_DECRYPT, "", 400, "{\"err\":\"api_bad_request\"}")) {
      Cli.Result r = decrypt(nexus.connector(), DOC);

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("spike: api_bad_request: Nexus refused to decrypt");
    }
  }
}

package io.spike.pilot.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.Routes;
import io.spike.pilot.testing.Cli;
import io.spike.pilot.testing.FakeServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CipherEncryptTest {
  private static final String DOC =
      "{\"version\":1,\"nonce\":\"AAAAAAAAAAAAAAAA\",\"ciphertext\":\"AQID\"}";

  @TempDir Path dir;

  @Test
  void encrypt_stdin_writesTheJsonDocumentToStdout() throws Exception {
    try (FakeServer nexus = new FakeServer().on(Routes.CIPHER_ENCRYPT, "", 200, DOC)) {
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              Map.of(),
              "hello".getBytes(StandardCharsets.UTF_8),
              "cipher",
              "encrypt");

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo(DOC + "\n");
      assertThat(nexus.requests().get(0).body())
          .isEqualTo(
              "{\"plaintext\":\"" + Base64.getEncoder().encodeToString("hello".getBytes()) + "\"}");
    }
  }

  @Test
  void encrypt_files_writesOwnerOnly() throws Exception {
    Path in = Files.writeString(dir.resolve("in.txt"), "hello");
    Path out = dir.resolve("out.json");
    try (FakeServer nexus = new FakeServer().on(Routes.CIPHER_ENCRYPT, "", 200, DOC)) {
      Cli.Result r =
          Cli.run(
              nexus.connector(),
              "cipher",
              "encrypt",
              "--file",
              in.toString(),
              "--out",
              out.toString());

      assertThat(r.code()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(Files.readString(out)).isEqualTo(DOC + "\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void encrypt_missingFile_exits1_withoutNetwork() {
    Cli.Result r =
        Cli.run(Cli.NO_NETWORK, "cipher", "encrypt", "--file", dir.resolve("none").toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("does not exist");
  }
}

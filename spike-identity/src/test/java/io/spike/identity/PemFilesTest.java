package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

  @TempDir Path tmp;

  @Test
  void writePrivateKey_roundTripsWithMode0600() throws Exception {
    KeyPair pair = p256();
    Path file = tmp.resolve("k.pem");

    PemFiles.writePrivateKey(file, pair.getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    assertThat(text)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("\n-----END PRIVATE KEY-----\n");
    assertThat(text.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
    assertThat(PemFiles.parsePrivateKey(Files.readAllBytes(file), file))
        .isEqualTo(pair.getPrivate());
  }

  @Test
  void writePrivateKey_overExistingWorldReadableFile_endsUp0600() throws Exception {
    Path file = tmp.resolve("k.pem");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PemFiles.writePrivateKey(file, p256().getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void writePublic_isWorldReadable() throws Exception {
    Path file = tmp.resolve("sub/c.pem");

    PemFiles.writePublic(file, "x".getBytes(StandardCharsets.US_ASCII));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void parsePrivateKey_withoutPkcs8Block_namesTheFormat() {
    assertKeyRefused("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n")
        .hasMessageContaining("PKCS#8")
        .hasMessageContaining("/x/key.pem");
  }

  @Test
  void parsePrivateKey_garbage_hasNoCauseAndNoContent() {
    assertKeyRefused("-----BEGIN PRIVATE KEY-----\nsecret_K3Y*bytes\n-----END PRIVATE KEY-----\n")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret").doesNotContain("K3Y"));
  }

  @Test
  void read_missingFile_namesPathAndReason() {
    Path missing = tmp.resolve("missing.pem");

    assertThatThrownBy(() -> PemFiles.read(missing, "SVID key"))
        .isInstanceOf(IdentityException.class)
        .hasMessage("cannot read SVID key " + missing + ": no such file");
  }

  @Test
  void parseCertificates_empty_isRejected() {
    assertThatThrownBy(() -> PemFiles.parseCertificates(new byte[0], Path.of("/b.pem")))
        .isInstanceOf(IdentityException.class)
        .hasMessageContaining("/b.pem");
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** Asserts that {@code pem}, read as {@code /x/key.pem}, is refused, for more checks. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertKeyRefused(String pem) {
    byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
    return assertThatThrownBy(() -> PemFiles.parsePrivateKey(bytes, Path.of("/x/key.pem")))
        .isInstanceOf(IdentityException.class);
  }
}

package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.identity.PeerIdentity;
import io.spike.identity.SpiffeId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {
  @TempDir Path dir;

  private final ClusterShape shape = new ClusterShape(3, 2, "sqlite", "spike.ist");

  private static SpiffeId idIn(Path cert) throws Exception {
    try (InputStream in = Files.newInputStream(cert)) {
      X509Certificate c =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return PeerIdentity.fromCertificates(new Certificate[] {c}).orElseThrow();
    }
  }

  @Test
  void ensure_writesCaAndOneSvidPerIdentity_keysOwnerOnly() throws Exception {
    DevLayout layout = new DevLayout(dir);

    DevPki.ensure(layout, shape);

    assertThat(layout.bundle()).isRegularFile();
    assertThat(DevPki.identities(shape).keySet())
        .containsExactly(
            "nexus",
            "keeper-1",
            "keeper-2",
            "keeper-3",
            "bootstrap",
            "superuser",
            "recover",
            "restore");
    for (String name : DevPki.identities(shape).keySet()) {
      assertThat(layout.cert(name)).isRegularFile();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.key(name))))
          .isEqualTo("rw-------");
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(layout.ca().resolve("ca.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void ensure_issuesTheRightIds() throws Exception {
    DevLayout layout = new DevLayout(dir);

    DevPki.ensure(layout, shape);

    assertThat(idIn(layout.cert("nexus"))).hasToString("spiffe://spike.ist/spike/nexus");
    assertThat(idIn(layout.cert("keeper-2"))).hasToString("spiffe://spike.ist/spike/keeper/2");
    assertThat(idIn(layout.cert("superuser")))
        .hasToString("spiffe://spike.ist/spike/pilot/role/superuser");
    assertThat(idIn(layout.cert("restore")))
        .hasToString("spiffe://spike.ist/spike/pilot/role/restore");
  }

  @Test
  void ensure_keepsExistingFiles_andFillsGaps() throws Exception {
    DevLayout layout = new DevLayout(dir);
    DevPki.ensure(layout, shape);
    byte[] caBefore = Files.readAllBytes(layout.bundle());
    byte[] nexusBefore = Files.readAllBytes(layout.cert("nexus"));
    Files.delete(layout.key("recover"));

    DevPki.ensure(layout, shape);

    assertThat(Files.readAllBytes(layout.bundle())).isEqualTo(caBefore);
    assertThat(Files.readAllBytes(layout.cert("nexus"))).isEqualTo(nexusBefore);
    assertThat(layout.key("recover")).isRegularFile();
  }
}

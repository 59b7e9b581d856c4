package io.spike.pilot.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.pilot.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevEnvTest {
  @TempDir Path dir;

  @Test
  void env_printsExactlyTheFourExports() {
    DevPki.ensure(new DevLayout(dir), new ClusterShape(3, 2, "sqlite", "spike.ist"));

    Cli.Result r = Cli.dev(dir, "env");

    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    String d = dir.toAbsolutePath().toString();
    assertThat(r.out())
        .isEqualTo(
            "export SPIKE_SVID_CERT="
                + d
                + "/svid/superuser.crt\n"
                + "export SPIKE_SVID_KEY="
                + d
                + "/svid/superuser.key\n"
                + "export SPIKE_TRUST_BUNDLE="
                + d
                + "/ca/bundle.pem\n"
                + "export SPIKE_NEXUS_API_URL=https://localhost:8553\n");
  }

  @Test
  void env_role_choosesTheIdentity() {
    DevPki.ensure(new DevLayout(dir), new ClusterShape(1, 1, "memory", "spike.ist"));

    assertThat(Cli.dev(dir, "env", "--role", "recover").out())
        .contains("/svid/recover.crt")
        .contains("/svid/recover.key");
    assertThat(Cli.dev(dir, "env", "--role", "restore").out())
        .contains("/svid/restore.crt")
        .contains("/svid/restore.key")
        .contains("SPIKE_NEXUS_API_URL");
  }

  @Test
  void env_operatorRoles_areTheRoleIdentities() throws Exception {
    DevPki.ensure(new DevLayout(dir), new ClusterShape(1, 1, "memory", "spike.ist"));

    for (String role : new String[] {"recover", "restore"}) {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(Files.newInputStream(new DevLayout(dir).cert(role)));
      assertThat(cert.getSubjectAlternativeNames())
          .anySatisfy(
              san ->
                  assertThat(san.get(1)).isEqualTo("spiffe://spike.ist/spike/pilot/role/" + role));
    }
  }

  @Test
  void env_withoutCluster_exits1_sayingDevUp() {
    assertThat(NoDevCluster.refusal(dir.resolve("none"), "env"))
        .startsWith("spike: no dev cluster in")
        .endsWith("run ./spike dev up first\n");
  }
}

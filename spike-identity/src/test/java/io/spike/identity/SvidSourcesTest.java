package io.spike.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spiffe.spiffeid.TrustDomain;
import io.spike.testkit.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SvidSourcesTest {

  @TempDir Path tmp;

  private DevCa ca;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    ca = DevCa.create(tmp.resolve("ca"), "spike.ist");
    Svid svid =
        ca.issue(
            Role.SUPERUSER.id("spike.ist"),
            tmp.resolve("svid/superuser.crt"),
            tmp.resolve("svid/superuser.key"));
    env.put("SPIKE_SVID_CERT", svid.cert().toString());
    env.put("SPIKE_SVID_KEY", svid.key().toString());
    env.put("SPIKE_TRUST_BUNDLE", ca.bundle().toString());
  }

  @Test
  void fromEnvironment_files_loadTheSvid() {
    try (SvidSource source = SvidSources.fromEnvironment(env::get)) {
      assertThat(source.id()).isEqualTo(Role.SUPERUSER.id("spike.ist"));
      assertThat(source.trustDomain()).isEqualTo("spike.ist");
      assertThat(source).isInstanceOf(FileSvidSource.class);
    }
  }

  @Test
  void fromEnvironment_missingCertVariable_namesIt() {
    env.remove("SPIKE_SVID_CERT");

    assertRefused()
        .hasMessageStartingWith("SPIKE_SVID_CERT is not set")
        .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET");
  }

  /** A variable missing (no value) or blank is named as not set. */
  @ParameterizedTest(name = "{0}=[{1}]")
  @CsvSource({"SPIKE_SVID_KEY,", "SPIKE_TRUST_BUNDLE,'  '"})
  void fromEnvironment_missingOrBlankVariable_namesIt(String variable, String value) {
    if (value == null) {
      env.remove(variable);
    } else {
      env.put(variable, value);
    }

    assertRefused().hasMessageStartingWith(variable + " is not set");
  }

  @Test
  void fromEnvironment_missingFile_namesThePath() {
    Path missing = tmp.resolve("nowhere/bundle.pem");
    env.put("SPIKE_TRUST_BUNDLE", missing.toString());

    assertRefused().hasMessageContaining(missing.toString());
  }

  @Test
  void fromEnvironment_corruptKey_neverShowsTheKeyContent() throws Exception {
    Path key = Path.of(env.get("SPIKE_SVID_KEY"));
    String pem = Files.readString(key);
    String body = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    Files.writeString(key, pem.replace(body, body.substring(0, 20) + "!" + body.substring(21)));

    assertRefused()
        .hasMessageContaining(key.toString())
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)))
        .hasNoCause();
  }

  @Test
  void fromEnvironment_trustRootMismatch_failsWithTheFix() {
    env.put("SPIKE_TRUST_ROOT", "example.org");

    assertRefused().hasMessageContaining("set SPIKE_TRUST_ROOT=spike.ist");
  }

  @Test
  void fromEnvironment_svidInADomainOnlyAListNames_isAccepted() {
    env.put("SPIKE_TRUST_ROOT", "example.org");
    env.put("SPIKE_TRUST_ROOT_PILOT", "example.org,spike.ist");

    try (SvidSource source = SvidSources.fromEnvironment(env::get)) {
      assertThat(source.trustDomain()).isEqualTo("spike.ist");
    }
  }

  @Test
  void fromEnvironment_svidInADomainNoListNames_failsNamingTheLists() {
    env.put("SPIKE_TRUST_ROOT", "example.org");
    env.put("SPIKE_TRUST_ROOT_KEEPER", "keepers.example");

    assertRefused()
        .hasMessageContaining("trust domain spike.ist")
        .hasMessageContaining("SPIKE_TRUST_ROOT_* lists")
        .hasMessageContaining("keepers.example");
  }

  @Test
  void fromEnvironment_federatedBundles_areRead() throws Exception {
    DevCa partner = DevCa.create(tmp.resolve("partner-ca"), "partner.example");
    env.put("SPIKE_FEDERATED_BUNDLES", "partner.example=" + partner.bundle());

    try (SvidSource source = SvidSources.fromEnvironment(env::get)) {
      assertThat(
              source
                  .x509Source()
                  .getBundleForTrustDomain(TrustDomain.parse("partner.example"))
                  .getX509Authorities())
          .containsExactly(partner.certificate());
    }
  }

  @Test
  void fromEnvironment_federatedBundlesBesideTheWorkloadApi_areIgnoredWithAWarning() {
    env.put("SPIFFE_ENDPOINT_SOCKET", "bogus://nowhere");
    env.put("SPIKE_FEDERATED_BUNDLES", "partner.example=/nonexistent.pem");

    try (LogCapture logs = LogCapture.start()) {
      assertRefused().hasMessageContaining("SPIFFE_ENDPOINT_SOCKET=bogus://nowhere");
      assertThat(logs.text()).contains("SPIKE_FEDERATED_BUNDLES is ignored");
    }
  }

  @Test
  void fromEnvironment_endpointSocketSet_usesTheWorkloadApi() {
    env.put("SPIFFE_ENDPOINT_SOCKET", "bogus://nowhere");

    assertRefused()
        .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET=bogus://nowhere")
        .hasMessageContaining("Workload API");
  }

  @Test
  void fromFiles_reloadsWithTheDefaultInterval() throws Exception {
    try (SvidSource source =
        SvidSources.fromFiles(
            Path.of(env.get("SPIKE_SVID_CERT")), Path.of(env.get("SPIKE_SVID_KEY")), ca.bundle())) {
      ca.issue(
          Role.RECOVER.id("spike.ist"),
          Path.of(env.get("SPIKE_SVID_CERT")),
          Path.of(env.get("SPIKE_SVID_KEY")));
      Thread.sleep(1100);

      assertThat(source.id()).isEqualTo(Role.RECOVER.id("spike.ist"));
    }
  }

  /** Asserts that the environment is refused with an {@link IdentityException}, for more checks. */
  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused() {
    return assertThatThrownBy(() -> SvidSources.fromEnvironment(env::get))
        .isInstanceOf(IdentityException.class);
  }
}

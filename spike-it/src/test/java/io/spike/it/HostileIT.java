package io.spike.it;

import static io.spike.it.AuditTail.text;
import static io.spike.it.HostileCases.assertAnswer;
import static io.spike.it.HostileCases.bytes;
import static io.spike.it.HostileCases.digest;
import static io.spike.it.HostileCases.fieldNames;
import static io.spike.it.HostileCases.get;
import static io.spike.it.HostileCases.ints;
import static io.spike.it.HostileCases.mode;
import static io.spike.it.HostileCases.policyJson;
import static io.spike.it.HostileCases.put;
import static io.spike.it.HostileCases.randomShard;
import static io.spike.it.HostileCases.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.spike.api.NexusClient;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.api.wire.PolicyListRequest;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.SecretMetadataResponse;
import io.spike.api.wire.ShardValue;
import io.spike.api.wire.StatusResponse;
import io.spike.config.Settings;
import io.spike.identity.DevCa;
import io.spike.identity.SpiffeId;
import io.spike.it.RawClient.Answer;
import io.spike.it.RoleMatrix.Expect;
import io.spike.it.RoleMatrix.KeeperRoute;
import io.spike.it.RoleMatrix.NexusRoute;
import io.spike.it.RoleMatrix.Who;
import io.spike.testkit.Closer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile attempts against a real cluster ({@code spike dev up}: three keepers, Nexus on SQLite,
 * real mTLS), each asserting the safe answer (exact status and error code, or exit code) and that
 * nothing the attempt aimed at changed: secrets, versions, policies, key terms, keeper shards, the
 * audit log. One cluster for the class, ordered like {@link CoreClusterIT}: requests first, then
 * the role matrix, then attacks that restart Nexus (kill -9, sealed start, a full audit disk, an
 * audit log cut while down). Snapshots are out of scope here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileIT {
  private static final String PASS = "hostile-pw-5c1e9a-SECRET";
  private static final String NEXUS_LOG = "nexus";
  private static final int NEXUS = 8553;
  private static final Map<String, String> WORKLOADS =
      Map.of(
          "matrix_with", "spiffe://spike.ist/matrix/with",
          "matrix_without", "spiffe://spike.ist/matrix/without",
          "web", "spiffe://spike.ist/web",
          "webhook", "spiffe://spike.ist/webhook",
          "web_sub", "spiffe://spike.ist/web/sub",
          "greedy", "spiffe://spike.ist/greedy",
          "greedy_super", "spiffe://spike.ist/greedy-super",
          "redos", "spiffe://spike.ist/redos",
          "restore_rate", "spiffe://spike.ist/spike/pilot/role/restore/hostile-rate");

  /**
   * Keys and a digest of the values of apps/web/db as first written (failure messages never show
   * values).
   */
  private static String dbFingerprint;

  private static Path root;
  private static DevCluster cluster;
  private static Path dev;
  private static Path auditLog;
  private static NexusClient admin;
  private static KeeperProbe keepers;
  private static final RoleMatrix.Fixture fixture = new RoleMatrix.Fixture();
  private static final Map<String, RawClient> clients = new HashMap<>();

  @BeforeAll
  static void up() throws Exception {
    root = Files.createTempDirectory("spike-it-hostile");
    cluster = new DevCluster(root.resolve("dev"), Map.of()).up();
    dev = cluster.dir;
    auditLog = dev.resolve("data/audit.log");
    issueSvids(WORKLOADS);
    admin = TestPki.nexusClient(dev, "superuser", NEXUS);
    keepers = new KeeperProbe(dev);

    admin.putSecret("apps/web/db", Map.of("user", "u", "pass", PASS));
    dbFingerprint = fingerprint("apps/web/db");
    admin.putSecret("apps/json", Map.of("user", "u"));
    admin.putSecret("apps/web", Map.of("k", "web-root"));
    admin.putSecret("apps/web/x?", Map.of("k", "original"));
    admin.putSecret(fixture.probe, Map.of("k", "v1"));
    admin.putSecret(fixture.probe, Map.of("k", "v2"));
    String matrixIds = "^spiffe://spike\\.ist/(matrix/with|spike/.*)$";
    policy("matrix-data", matrixIds, "^matrix/.*$", "read", "write", "list");
    policy("matrix-acl", matrixIds, "^spike/system/acl$", "read", "write", "list");
    policy("matrix-secret-list", matrixIds, "^spike/system/secret$", "list");
    policy("matrix-cipher", matrixIds, "^spike/system/cipher/exec$", "execute");
    policy(fixture.victimPolicy, "^spiffe://spike\\.ist/nobody$", "^nothing$", "read");
    policy("web-exact", "spiffe://spike\\.ist/web", "apps/web", "read");
    policy(
        "greedy-all", "^spiffe://spike\\.ist/greedy$", "^.*$", "read", "write", "list", "execute");
    policy("greedy-super", "^spiffe://spike\\.ist/greedy-super$", ".*", "super");
    CipherText c =
        admin.encrypt(new CipherPlaintext("matrix-fixture".getBytes(StandardCharsets.UTF_8)));
    fixture.ciphertextJson = cipherJson(c);
    fixture.randomShardJson = ints(randomShard());
  }

  @AfterAll
  static void down() throws Exception {
    Closer.closeAll(clients.values());
    Closer.closeAll(keepers, cluster);
  }

  // ---------------------------------------------------------------- the request pipeline

  @Test
  @Order(1)
  void pipeline_unknownRoute_is404_andNotAudited() {
    AuditTail tail = new AuditTail(auditLog);
    assertSuperuser("/v1/nope", "{}", 404, "api_not_found");
    assertSuperuser("/v1/store/secretsX?action=get", get("apps/web/db"), 404, "api_not_found");
    assertThat(tail.next()).isEmpty();
    assertThat(opsText("/metrics"))
        .as("unknown paths never become metric labels")
        .doesNotContain("/v1/nope")
        .doesNotContain("secretsX");
  }

  @Test
  @Order(2)
  void pipeline_nonPost_is405_andNothingRuns() {
    AuditTail tail = new AuditTail(auditLog);
    assertAnswer(raw("superuser").get("/v1/store/secrets?action=list"), 405, "api_bad_request");
    assertThat(tail.next()).isEmpty();
  }

  @Test
  @Order(3)
  void pipeline_unknownAction_is400_andNeverEchoed() {
    AuditTail tail = new AuditTail(auditLog);
    String marker = "hostileEchoProbe<script>alert(7)</script>";
    Answer encoded =
        raw("superuser")
            .post(
                "/v1/store/secrets?action=" + URLEncoder.encode(marker, StandardCharsets.UTF_8),
                "{}");
    Answer plain = raw("superuser").post("/v1/store/secrets?action=hostileEchoPlain", "{}");
    for (Answer a : List.of(encoded, plain)) {
      assertAnswer(a, 400, "api_bad_request");
      assertThat(a.body()).doesNotContainIgnoringCase("hostileEcho").doesNotContain("alert(7)");
    }
    assertThat(tail.next())
        .allSatisfy(line -> assertThat(line.toString()).doesNotContainIgnoringCase("hostileEcho"));
    assertThat(cluster.log(NEXUS_LOG)).doesNotContainIgnoringCase("hostileEcho");
  }

  @Test
  @Order(4)
  void pipeline_bodyOverTheLimit_is413_andNothingIsStored() {
    String big =
        "{\"path\":\"apps/big\",\"values\":{\"k\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}}";
    assertAnswer(
        raw("superuser").postBytes("/v1/store/secrets", big.getBytes(StandardCharsets.UTF_8)),
        413,
        "api_too_large");
    assertAnswer(
        raw("superuser").postChunked("/v1/store/secrets", big.getBytes(StandardCharsets.UTF_8)),
        413,
        "api_too_large");
    assertThat(admin.listSecrets()).doesNotContain("apps/big");
  }

  @Test
  @Order(5)
  void pipeline_malformedJson_is400_andTheSecretIsUnchanged() {
    NexusState before = nexusState();
    assertSuperuser(
        "/v1/store/secrets",
        "{\"path\":\"apps/json\",\"values\":{\"user\":",
        400,
        "api_bad_request");
    assertAnswer(
        raw("superuser")
            .post(
                "/v1/store/secrets",
                "{\"path\":\"apps/json\",\"values\":{\"user\":\"x\"}}" + " trailing"),
        400,
        "api_bad_request");
    // Not well-formed UTF-8: a lone 0xF6 lead byte in a value and in a path, an overlong NUL (C0
    // 80).
    for (byte[] bad :
        List.of(
            utf8With(
                "{\"path\":\"apps/json\",\"values\":{\"user\":\"",
                new byte[] {(byte) 0xf6},
                "\"}}"),
            utf8With(
                "{\"path\":\"apps/json", new byte[] {(byte) 0xf6}, "\",\"values\":{\"k\":\"v\"}}"),
            utf8With(
                "{\"path\":\"apps/json\",\"values\":{\"user\":\"a",
                new byte[] {(byte) 0xc0, (byte) 0x80},
                "\"}}"))) {
      assertAnswer(raw("superuser").postBytes("/v1/store/secrets", bad), 400, "api_bad_request");
    }
    assertThat(nexusState()).isEqualTo(before);
    assertThat(admin.getSecret("apps/json", 0).data())
        .containsExactlyEntriesOf(Map.of("user", "u"));
    assertThat(admin.secretMetadata("apps/json", 0).metadata().currentVersion()).isEqualTo(1);
  }

  private static byte[] utf8With(String head, byte[] raw, String tail) {
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[h.length + raw.length + t.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(raw, 0, out, h.length, raw.length);
    System.arraycopy(t, 0, out, h.length + raw.length, t.length);
    return out;
  }

  @Test
  @Order(8)
  void
      pipeline_keeper_unknownRoute404_nonPost405_unknownAction400_oversizedBody413_shardsUnchanged() {
    List<String> before = shardDigests();
    RawClient asNexus = raw("nexus", KeeperProbe.port(1));
    assertAnswer(asNexus.post("/v1/store/nope", "{}"), 404, "api_not_found");
    assertAnswer(asNexus.get("/v1/store/shard"), 405, "api_bad_request");
    Answer action =
        asNexus.post(
            "/v1/store/contribute?action=hostileEchoKeeper",
            "{\"shard\":" + fixture.randomShardJson + "}");
    assertAnswer(action, 400, "api_bad_request");
    assertThat(action.body()).doesNotContain("hostileEcho");
    String padded =
        "{\"shard\":" + fixture.randomShardJson + ",\"pad\":\"" + "x".repeat(100 * 1024) + "\"}";
    assertAnswer(
        asNexus.postBytes("/v1/store/contribute", padded.getBytes(StandardCharsets.UTF_8)),
        413,
        "api_too_large");
    assertThat(shardDigests()).isEqualTo(before);
  }

  static Stream<Arguments> hostileClientCertificates() {
    String su = Who.SUPERUSER.id();
    return Stream.of(
        Arguments.of(
            "two SPIFFE IDs in one leaf from the dev CA",
            (CertMaker)
                d ->
                    Optional.of(
                        HostileCerts.fromDevCa(d, List.of(su, Who.WORKLOAD_WITHOUT_POLICY.id())))),
        Arguments.of(
            "the superuser path in another trust domain, from the dev CA",
            (CertMaker)
                d ->
                    Optional.of(
                        HostileCerts.fromDevCa(
                            d, List.of("spiffe://evil.example/spike/pilot/role/superuser")))),
        Arguments.of(
            "the superuser ID from a CA nobody trusts",
            (CertMaker) d -> Optional.of(HostileCerts.fromForeignCa(List.of(su)))),
        Arguments.of(
            "no SPIFFE ID at all (DNS name only), from the dev CA",
            (CertMaker) d -> Optional.of(HostileCerts.fromDevCa(d, List.of()))),
        Arguments.of("no client certificate", (CertMaker) d -> Optional.empty()));
  }

  /** Posts {@code body} to Nexus over TLS 1.3 or 1.2, presenting {@code cert} (or none). */
  private static TlsOffer.Outcome offerToNexus(
      Optional<HostileCerts.Leaf> cert, String path, String body) {
    return TlsOffer.offer(NEXUS, List.of("TLSv1.3", "TLSv1.2"), List.of(), cert, path, body);
  }

  /** Makes the certificate an attacker presents. */
  interface CertMaker {
    Optional<HostileCerts.Leaf> make(Path devDir);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileClientCertificates")
  @Order(6)
  void pipeline_clientWithoutExactlyOneSpiffeIdOfTheTrustDomain_isRefused_andChangesNothing(
      String what, CertMaker cert) {
    NexusState before = nexusState();
    String db = fingerprint("apps/web/db");
    TlsOffer.Outcome o =
        offerToNexus(
            cert.make(dev),
            "/v1/store/secrets",
            "{\"path\":\"apps/web/db\",\"values\":{\"user\":\"evil\"}}");
    // Refused at the handshake (the trust manager wants one SPIFFE ID of spike.ist from the dev
    // CA),
    // or at the pipeline's identity stage with 401: never an answer from the route.
    assertThat(o.status().orElse(401)).as(o.detail()).isEqualTo(401);
    assertThat(nexusState()).isEqualTo(before);
    assertThat(fingerprint("apps/web/db")).isEqualTo(db);
  }

  @Test
  @Order(7)
  void pipeline_control_theProbeWithTheRealSuperuserSvidIsAnswered() throws Exception {
    HostileCerts.Leaf su =
        new HostileCerts.Leaf(
            HostileCerts.certificate(dev.resolve("svid/superuser.crt")),
            HostileCerts.privateKey(dev.resolve("svid/superuser.key")));
    TlsOffer.Outcome o = offerToNexus(Optional.of(su), "/v1/sys/status", "{}");
    assertThat(o.status()).as(o.detail()).contains(200);
  }

  @Test
  @Order(9)
  void identity_anIdThatOnlyStartsLikeARolePath_holdsNoRole() {
    issueSvids(
        Map.of(
            "superuserx",
            "spiffe://spike.ist/spike/pilot/role/superuserx",
            "recoverx",
            "spiffe://spike.ist/spike/pilot/role/recover-x",
            "nexusx",
            "spiffe://spike.ist/spike/nexus2"));
    NexusState before = nexusState();
    List<String> shards = shardDigests();
    assertAnswer(
        raw("superuserx").post("/v1/store/secrets", put("apps/web/db", "user", "evil")),
        401,
        "access_unauthorized");
    assertAnswer(
        raw("superuserx").post("/v1/operator/rotate", "{\"target\":\"keys\"}"),
        401,
        "access_unauthorized");
    assertThat(fieldNames(raw("superuserx").post("/v1/sys/status", "{}").json()))
        .containsExactly("state", "initialized");
    assertAnswer(raw("recoverx").post("/v1/operator/recover", "{}"), 401, "access_unauthorized");
    assertAnswer(
        raw("nexusx", KeeperProbe.port(1)).post("/v1/store/shard", "{}"),
        401,
        "access_unauthorized");
    assertAnswer(
        raw("nexusx", KeeperProbe.port(1))
            .post("/v1/store/contribute", "{\"shard\":" + fixture.randomShardJson + "}"),
        401,
        "access_unauthorized");
    assertThat(nexusState()).isEqualTo(before);
    assertThat(shardDigests()).isEqualTo(shards);
  }

  // ---------------------------------------------------------------- policies

  @Test
  @Order(10)
  void policy_spiffeIdPattern_mustMatchTheWholeId() {
    assertThat(raw("web").post("/v1/store/secrets?action=get", get("apps/web")).status())
        .isEqualTo(200);
    for (String impostor : List.of("webhook", "web_sub")) {
      assertAnswer(
          raw(impostor).post("/v1/store/secrets?action=get", get("apps/web")),
          401,
          "access_unauthorized");
    }
  }

  @Test
  @Order(11)
  void policy_pathPattern_mustMatchTheWholePath_andPolicyGetShowsWhatIsEnforced() {
    assertThat(
            raw("web")
                .post("/v1/store/secrets?action=get", get("apps/web"))
                .json()
                .at("/data/k")
                .asText())
        .isEqualTo("web-root");
    for (String longer : List.of("apps/web/db", "apps/web/x?")) {
      assertAnswer(
          raw("web").post("/v1/store/secrets?action=get", get(longer)), 401, "access_unauthorized");
    }
    JsonNode enforced =
        raw("superuser")
            .post("/v1/acl/policy?action=get", "{\"id\":\"web-exact\"}")
            .json()
            .get("enforced");
    assertThat(enforced).as("policy get shows what is enforced").isNotNull();
    assertThat(enforced.get("spiffeid").asText()).isEqualTo("^(?:spiffe://spike\\.ist/web)$");
    assertThat(enforced.get("path").asText()).isEqualTo("^(?:apps/web)$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.spike.it.HostileCases#unsupportedPatterns")
  @Order(12)
  void policy_withAConstructRe2Lacks_is400NamingIt_andNotStored(
      String what, String spiffeid, String path, String construct) {
    NexusState before = nexusState();
    Answer a =
        raw("superuser").post("/v1/acl/policy", policyJson("hostile-re2", spiffeid, path, "read"));
    assertAnswer(a, 400, "api_bad_request");
    assertThat(a.json().get("message").asText()).contains(construct);
    assertThat(nexusState()).isEqualTo(before);
    assertSuperuser("/v1/acl/policy?action=get", "{\"id\":\"hostile-re2\"}", 404, "api_not_found");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.spike.it.HostileCases#malformedPolicyNames")
  @Order(13)
  void policy_withAMalformedName_is400_andNotStored(String what, String name) {
    NexusState before = nexusState();
    assertAnswer(
        raw("superuser")
            .post(
                "/v1/acl/policy",
                policyJson(name, "^spiffe://spike\\.ist/web$", "^apps/web$", "read")),
        400,
        "api_bad_request");
    assertAnswer(
        raw("superuser")
            .post("/v1/acl/policy?action=delete", "{\"id\":" + RawClient.quote(name) + "}"),
        400,
        "api_bad_request");
    assertThat(nexusState()).isEqualTo(before);
  }

  @Test
  @Order(14)
  void policy_dotStarWithWrite_cannotTouchPolicies_listSecrets_orUseCipher() {
    assertThat(raw("greedy").post("/v1/store/secrets", put("apps/greedy/x", "k", "v")).status())
        .as("control: the policy grants data paths")
        .isEqualTo(200);
    NexusState before = nexusState();
    RawClient greedy = raw("greedy");
    assertAnswer(
        greedy.post(
            "/v1/acl/policy",
            policyJson(
                "greedy-escalate", "^spiffe://spike\\.ist/greedy$", "^spike/system/.*$", "super")),
        401,
        "access_unauthorized");
    assertAnswer(
        greedy.post("/v1/acl/policy?action=delete", "{\"id\":\"" + fixture.victimPolicy + "\"}"),
        401,
        "access_unauthorized");
    assertAnswer(greedy.post("/v1/acl/policy?action=list", "{}"), 401, "access_unauthorized");
    assertAnswer(greedy.post("/v1/store/secrets?action=list", "{}"), 401, "access_unauthorized");
    assertAnswer(
        greedy.post("/v1/cipher/encrypt", "{\"plaintext\":\"aGk=\"}"), 401, "access_unauthorized");
    assertThat(nexusState()).isEqualTo(before);
  }

  @Test
  @Order(15)
  void policy_dotStarWithSuper_cannotListSecrets_orUseCipher_orReadPolicies() {
    RawClient sup = raw("greedy_super");
    assertThat(sup.post("/v1/store/secrets?action=get", get("apps/web/db")).status())
        .as("control: super on .* reads data")
        .isEqualTo(200);
    NexusState before = nexusState();
    assertAnswer(sup.post("/v1/store/secrets?action=list", "{}"), 401, "access_unauthorized");
    assertAnswer(
        sup.post("/v1/cipher/encrypt", "{\"plaintext\":\"aGk=\"}"), 401, "access_unauthorized");
    assertAnswer(
        sup.post("/v1/cipher/decrypt", fixture.ciphertextJson), 401, "access_unauthorized");
    assertAnswer(sup.post("/v1/acl/policy?action=list", "{}"), 401, "access_unauthorized");
    assertAnswer(
        sup.post("/v1/acl/policy", policyJson("super-escalate", ".*", ".*", "super")),
        401,
        "access_unauthorized");
    assertThat(nexusState()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- paths and sizes

  @Test
  @Order(20)
  void secrets_underTheReservedSpikePrefix_are400_andTheCliRefusesThemWithExit2() {
    NexusState before = nexusState();
    for (String reserved : List.of("spike/system/acl", "spike/system/secret", "spike/x")) {
      assertSuperuser("/v1/store/secrets", put(reserved, "k", "v"), 400, "api_bad_request");
    }
    AuditTail tail = new AuditTail(auditLog);
    Cli.Result cli = cluster.superuser().spike("secret", "put", "spike/system/acl", "k=v");
    assertThat(cli.exit()).as(cli.err()).isEqualTo(2);
    assertThat(tail.next()).as("the CLI sends nothing").isEmpty();
    assertThat(nexusState()).isEqualTo(before);
    assertThat(before.secrets()).noneMatch(p -> p.startsWith("spike/"));
  }

  /**
   * Malformed paths, and paths that list, log and audit exactly like {@code apps/web/db} but are
   * another secret: the spoofing the bidi and whitespace rules of {@code Names} refuse, including
   * an invisible format character (Unicode category Cf) that is neither a control, a bidi control,
   * a noncharacter nor whitespace.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource({
    "io.spike.it.HostileCases#malformedPaths",
    "io.spike.it.HostileCases#invisiblePathCharacters"
  })
  @Order(21)
  void secrets_malformedOrLookalikePath_is400_onPutAndGet_andNothingIsStored(
      String what, String path) {
    NexusState before = nexusState();
    assertSuperuser("/v1/store/secrets", put(path, "k", "v"), 400, "api_bad_request");
    assertSuperuser("/v1/store/secrets?action=get", get(path), 400, "api_bad_request");
    assertThat(nexusState()).isEqualTo(before);
  }

  @Test
  @Order(22)
  void secrets_theSurrogateLookalike_neverOverwritesOrReadsItsTwin() {
    SecretMetadataResponse.Metadata twin = admin.secretMetadata("apps/web/x?", 0).metadata();
    assertSuperuser(
        "/v1/store/secrets", put("apps/web/x\ud800", "k", "overwritten"), 400, "api_bad_request");
    assertSuperuser(
        "/v1/store/secrets?action=get", get("apps/web/x\ud800"), 400, "api_bad_request");
    assertThat(admin.getSecret("apps/web/x?", 0).data()).containsEntry("k", "original");
    assertThat(admin.secretMetadata("apps/web/x?", 0).metadata().currentVersion())
        .isEqualTo(twin.currentVersion());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.spike.it.HostileCases#cliMalformedPaths")
  @Order(23)
  void cli_refusesAMalformedPath_withExit2_beforeSendingAnything(String what, String path) {
    NexusState before = nexusState();
    AuditTail tail = new AuditTail(auditLog);
    Cli.Result r =
        cluster.superuser().with(Map.of("LANG", "C.UTF-8")).spike("secret", "put", path, "k=v");
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(tail.next()).as("nothing reached Nexus").isEmpty();
    assertThat(nexusState()).isEqualTo(before);
  }

  @Test
  @Order(24)
  void sizeCaps_aValueOver64KiB_is413_andTheSecretIsUnchanged() {
    admin.putSecret("apps/caps", Map.of("k", "small"));
    assertAnswer(
        raw("superuser")
            .post("/v1/store/secrets", put("apps/caps", "k", "a".repeat(64 * 1024 + 1))),
        413,
        "api_too_large");
    // 30,000 characters, 90,000 bytes in UTF-8: the cap counts bytes, not characters.
    assertSuperuser(
        "/v1/store/secrets", put("apps/caps", "k", "\u20ac".repeat(30_000)), 413, "api_too_large");
    assertThat(admin.getSecret("apps/caps", 0).data()).containsEntry("k", "small");
    assertThat(admin.secretMetadata("apps/caps", 0).metadata().currentVersion()).isEqualTo(1);
  }

  @Test
  @Order(25)
  void sizeCaps_aVersionOver256KiB_is413_andTheSecretIsUnchanged() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      values
          .append(i == 0 ? "" : ",")
          .append("\"k")
          .append(i)
          .append("\":\"")
          .append("b".repeat(60_000))
          .append('"');
    }
    assertAnswer(
        raw("superuser")
            .post("/v1/store/secrets", "{\"path\":\"apps/caps\",\"values\":{" + values + "}}"),
        413,
        "api_too_large");
    assertThat(admin.getSecret("apps/caps", 0).data()).containsOnlyKeys("k");
    assertThat(admin.secretMetadata("apps/caps", 0).metadata().currentVersion()).isEqualTo(1);
  }

  // ---------------------------------------------------------------- audit, rate limits, keys, TLS

  @Test
  @Order(30)
  void audit_requestLineBeforeOutcome_withOneRequestId_andTheFullPath() {
    String path = "apps/audit/" + "p".repeat(1024 - "apps/audit/".length());
    AuditTail tail = new AuditTail(auditLog);
    assertThat(raw("superuser").post("/v1/store/secrets", put(path, "k", "v")).status())
        .isEqualTo(200);
    List<JsonNode> lines = tail.next();
    assertThat(lines).hasSize(2);
    JsonNode request = lines.get(0);
    JsonNode outcome = lines.get(1);
    assertThat(text(request, "type")).isEqualTo("request");
    assertThat(text(outcome, "type")).isEqualTo("outcome");
    assertThat(text(request, "requestId")).isNotBlank().isEqualTo(text(outcome, "requestId"));
    assertThat(text(request, "path")).isEqualTo(path);
    assertThat(text(outcome, "path")).isEqualTo(path);
    assertThat(text(outcome, "caller")).isEqualTo(Who.SUPERUSER.id());
    assertThat(text(outcome, "decision")).isEqualTo("allow");
    assertThat(outcome.get("status").asInt()).isEqualTo(200);
    assertThat(request.toString()).doesNotContain("\"v\"");
  }

  @Test
  @Order(31)
  void audit_aRefusedCall_hasOnlyAnOutcomeLine_deny401_andNoRequestLine() {
    AuditTail tail = new AuditTail(auditLog);
    assertAnswer(
        raw("matrix_without").post("/v1/store/secrets", put("apps/web/db", "user", "evil")),
        401,
        "access_unauthorized");
    List<JsonNode> lines = tail.next();
    assertThat(lines).hasSize(1);
    assertThat(text(lines.get(0), "type")).isEqualTo("outcome");
    assertThat(text(lines.get(0), "decision")).isEqualTo("deny");
    assertThat(lines.get(0).get("status").asInt()).isEqualTo(401);
    assertThat(text(lines.get(0), "caller")).isEqualTo(Who.WORKLOAD_WITHOUT_POLICY.id());
    assertThat(text(lines.get(0), "path")).isEqualTo("apps/web/db");
  }

  @Test
  @Order(32)
  void operatorRateLimit_the21stCallIs429WithRetryAfter_andAuditedAsDeny() {
    RawClient rate = raw("restore_rate");
    String body = "{\"id\":1,\"shard\":" + fixture.randomShardJson + "}";
    for (int i = 1; i <= 20; i++) {
      assertAnswer(rate.post("/v1/operator/restore", body), 409, "state_conflict");
    }
    AuditTail tail = new AuditTail(auditLog);
    Answer limited = rate.post("/v1/operator/restore", body);
    assertAnswer(limited, 429, "api_rate_limited");
    assertThat(limited.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
    List<JsonNode> lines = tail.next();
    JsonNode outcome = lines.get(lines.size() - 1);
    assertThat(outcome.get("status").asInt()).isEqualTo(429);
    assertThat(text(outcome, "decision")).isEqualTo("deny");
    assertThat(text(outcome, "caller")).isEqualTo(WORKLOADS.get("restore_rate"));
    assertThat(admin.status().restore().orElseThrow().collected()).isZero();
    assertThat(cluster.readyz()).isEqualTo(200);
  }

  @Test
  @Order(33)
  void cipher_decryptNamingATermNexusDoesNotHold_orTampered_is400_andTheKeyringIsUnchanged() {
    int term = cipherTerm();
    CipherText real =
        admin.encrypt(new CipherPlaintext("term-probe".getBytes(StandardCharsets.UTF_8)));
    for (int unknown : new int[] {term + 1, 999, Integer.MAX_VALUE}) {
      String forged =
          "{\"version\":"
              + unknown
              + ",\"nonce\":\""
              + Base64.getEncoder().encodeToString(real.nonce())
              + "\",\"ciphertext\":\""
              + Base64.getEncoder().encodeToString(real.ciphertext())
              + "\"}";
      Answer a = raw("superuser").post("/v1/cipher/decrypt", forged);
      assertAnswer(a, 400, "api_bad_request");
      assertThat(a.json().get("message").asText()).contains(Integer.toString(unknown));
    }
    byte[] ct = real.ciphertext();
    byte[] flipped = ct.clone();
    flipped[flipped.length / 2] ^= 0x01;
    byte[] nonce = real.nonce();
    nonce[0] ^= (byte) 0x80;
    List<CipherText> tampered =
        List.of(
            new CipherText(real.version(), real.nonce(), flipped),
            new CipherText(real.version(), nonce, ct),
            new CipherText(real.version(), real.nonce(), Arrays.copyOf(ct, ct.length - 1)),
            new CipherText(real.version(), real.nonce(), Arrays.copyOf(ct, ct.length + 1)));
    for (CipherText t : tampered) {
      assertSuperuser("/v1/cipher/decrypt", cipherJson(t), 400, "api_bad_request");
    }
    assertThat(cipherTerm()).isEqualTo(term);
    assertThat(new String(admin.decrypt(real).plaintext(), StandardCharsets.UTF_8))
        .isEqualTo("term-probe");
  }

  static Stream<Arguments> tlsOffers() {
    return Stream.of(
        Arguments.of(
            "nexus",
            NEXUS,
            "superuser",
            "TLSv1.2",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            false),
        Arguments.of(
            "nexus", NEXUS, "superuser", "TLSv1.1", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", false),
        Arguments.of(
            "keeper-1",
            KeeperProbe.port(1),
            "nexus",
            "TLSv1.2",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            false),
        Arguments.of(
            "keeper-1",
            KeeperProbe.port(1),
            "nexus",
            "TLSv1.1",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            false),
        Arguments.of(
            "nexus",
            NEXUS,
            "superuser",
            "TLSv1.2",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            true),
        Arguments.of(
            "keeper-1", KeeperProbe.port(1), "nexus", "TLSv1.3", "TLS_AES_128_GCM_SHA256", true));
  }

  @ParameterizedTest(name = "{0}: {3} {4} only -> answered: {5}")
  @MethodSource("tlsOffers")
  @Order(34)
  void tls_onlyTls13AndTls12AeadSuitesAreAccepted_evenFromAClientThatDisablesNothing(
      String server, int port, String svid, String protocol, String suite, boolean answered) {
    TlsOffer.Outcome o = TlsOffer.inFreeJvm(dev, svid, port, protocol, suite, root);
    assertThat(o.refused()).as(o.detail()).isEqualTo(!answered);
  }

  // ---------------------------------------------------------------- role isolation

  static Stream<Arguments> nexusCells() {
    return withEveryCaller(NexusRoute.values());
  }

  /** Issues, from the dev CA, an SVID under {@code svid/<name>} for each name and SPIFFE ID. */
  private static void issueSvids(Map<String, String> idsByName) {
    DevCa ca = DevCa.load(dev.resolve("ca"));
    idsByName.forEach(
        (name, id) ->
            ca.issue(
                SpiffeId.parse(id),
                dev.resolve("svid/" + name + ".crt"),
                dev.resolve("svid/" + name + ".key")));
  }

  /** The decrypt request body for {@code t}, as JSON written by hand. */
  private static String cipherJson(CipherText t) {
    return "{\"version\":"
        + t.version()
        + ",\"nonce\":\""
        + Base64.getEncoder().encodeToString(t.nonce())
        + "\",\"ciphertext\":\""
        + Base64.getEncoder().encodeToString(t.ciphertext())
        + "\"}";
  }

  /** Each of {@code routes} with each caller, route by route. */
  private static Stream<Arguments> withEveryCaller(Object[] routes) {
    return Arrays.stream(routes)
        .flatMap(route -> Arrays.stream(Who.values()).map(who -> Arguments.of(route, who)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("nexusCells")
  @Order(40)
  void roleMatrix_nexus(NexusRoute route, Who who) {
    Expect expect = route.expect(who);
    prepare(route, who);
    NexusState before = nexusState();
    AuditTail tail = new AuditTail(auditLog);
    Answer a = raw(who.svid).post(route.target(), route.body(who, fixture));
    List<JsonNode> lines = tail.next();
    assertAnswer(a, expect.status(), expect.err());
    assertThat(lines).as("audit lines of this call").isNotEmpty();
    JsonNode last = lines.get(lines.size() - 1);
    assertThat(text(last, "caller")).isEqualTo(who.id());
    assertThat(text(last, "route")).isEqualTo(route.path);
    assertThat(last.get("status").asInt()).isEqualTo(expect.status());
    assertThat(text(last, "decision")).isEqualTo(expect.allowedByGuard() ? "allow" : "deny");
    if (!expect.allowedByGuard()) {
      assertThat(lines).as("a refused call has no request line").hasSize(1);
    }
    NexusState after = nexusState();
    if (expect.status() != 200 || !route.changes()) {
      assertThat(after).as("nothing changed").isEqualTo(before);
    }
    if (expect.status() == 200) {
      assertEffect(route, who, a, before, after);
    }
  }

  static Stream<Arguments> keeperCells() {
    return withEveryCaller(KeeperRoute.values());
  }

  @ParameterizedTest(name = "keeper-1 {0} as {1}")
  @MethodSource("keeperCells")
  @Order(41)
  void roleMatrix_keeper(KeeperRoute route, Who who) {
    List<String> before = shardDigests();
    byte[] held = keepers.shard(1).orElseThrow().copyBytes();
    // Nexus sends the shard keeper 1 holds (a real push); everyone else a different one.
    String body =
        route == KeeperRoute.SHARD
            ? "{}"
            : "{\"shard\":" + (who == Who.NEXUS ? ints(held) : fixture.randomShardJson) + "}";
    Answer a = raw(who.svid, KeeperProbe.port(1)).post(route.path, body);
    assertAnswer(a, route.expect(who).status(), route.expect(who).err());
    if (route == KeeperRoute.SHARD && who == Who.NEXUS) {
      assertThat(digest(bytes(a.json().get("shard")))).isEqualTo(digest(held));
    }
    assertThat(shardDigests()).as("every keeper's shard is unchanged").isEqualTo(before);
    Arrays.fill(held, (byte) 0);
  }

  // ---------------------------------------------------------------- attacks that restart Nexus

  @Test
  @Order(50)
  void policy_theCatastrophicPattern_isAnsweredWithinABound() {
    policy("redos", "^spiffe://spike\\.ist/redos$", "(.*a){12}$", "read");
    String matching = "a".repeat(41);
    admin.putSecret(matching, Map.of("k", "redos"));
    assertThat(raw("redos").post("/v1/store/secrets?action=get", get(matching)).status())
        .as("control: the pattern grants a path it matches")
        .isEqualTo(200);
    long started = System.nanoTime();
    Answer a;
    try {
      a =
          raw("redos")
              .post(
                  "/v1/store/secrets?action=get",
                  get("a".repeat(40) + "b"),
                  Duration.ofSeconds(10));
    } catch (UncheckedIOException e) {
      throw new AssertionError(
          "no answer within 10 s to a get whose path the pattern (.*a){12}$ must reject: "
              + e.getCause(),
          e);
    }
    assertAnswer(a, 401, "access_unauthorized");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    admin.deletePolicy("redos");
  }

  @Test
  @Order(51)
  void secrets_pastTheMaximumNumberOfPaths_is409StateLimitReached_andNothingIsStored() {
    long paths = secretCount();
    cluster.kill9("nexus");
    // Restarted with room for exactly one more secret path.
    cluster
        .cli
        .with(Map.of(Settings.MAX_SECRET_PATHS.name(), Long.toString(paths + 1)))
        .spike("dev", "start", "nexus", "--dir", dev.toString())
        .ok();
    cluster.awaitReady(Duration.ofSeconds(60));
    assertThat(raw("superuser").post("/v1/store/secrets", put("limit/one", "k", "v")).status())
        .isEqualTo(200);
    NexusState before = nexusState();
    assertSuperuser("/v1/store/secrets", put("limit/two", "k", "v"), 409, "state_limit_reached");
    assertThat(nexusState()).isEqualTo(before);
    assertThat(raw("superuser").post("/v1/store/secrets", put("limit/one", "k", "v2")).status())
        .as("an existing path still takes new versions")
        .isEqualTo(200);
    assertThat(admin.listSecrets()).contains("limit/one").doesNotContain("limit/two");
  }

  @Test
  @Order(52)
  void keepers_aStolenKeeper2SvidAtKeeper1sAddress_getsNoShard() throws Exception {
    String held = shardDigests().get(0);
    cluster.stop("keeper-1");
    try (Components impostor = new Components(dev, root.resolve("impostor-logs"))) {
      impostor.keeper("keeper-2", KeeperProbe.port(1));
      DevCluster.await(
          Duration.ofSeconds(30),
          () -> {
            try {
              return keepers.shard(1).isEmpty(); // the impostor answers: it holds nothing yet
            } catch (RuntimeException notYetUp) {
              return false;
            }
          });
      Instant listening = Instant.now();
      // Two pushes to keeper 2 after the impostor listened: Nexus ran its rounds meanwhile.
      DevCluster.await(
          Duration.ofSeconds(20),
          () ->
              Instant.parse(statusKeeper(2).path("lastContact").asText("1970-01-01T00:00:00Z"))
                  .isAfter(listening.plusSeconds(4)));
      assertThat(keepers.shard(1)).as("the impostor at keeper 1's address got no shard").isEmpty();
      assertThat(statusKeeper(1).path("reachable").asBoolean(true)).isFalse();
    } finally {
      // The impostor is gone (closed above); the real keeper 1 comes back and is refilled.
      cluster.start("keeper-1");
      DevCluster.await(Duration.ofSeconds(20), () -> keepers.shard(1).isPresent());
    }
    assertThat(shardDigests().get(0)).isEqualTo(held);
  }

  @Test
  @Order(53)
  void sealed_onlyStatusRestoreUnsealAndRecoverPassTheGate_andTheLooseAuditFileIsTightened()
      throws Exception {
    String dbValues = fingerprint("apps/web/db");
    SecretMetadataResponse.Metadata db = admin.secretMetadata("apps/web/db", 0).metadata();
    cluster.kill9("nexus");
    Files.setPosixFilePermissions(auditLog, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, String> env = NexusProcess.devEnv(dev);
    env.put(
        Settings.KEEPER_PEERS.name(),
        "https://localhost:9,https://localhost:10,https://localhost:11");
    try (NexusProcess sealed = NexusProcess.start(env, root.resolve("nexus-sealed.log"))) {
      DevCluster.await(
          Duration.ofSeconds(60), () -> cluster.opsGet("/healthz") == 200 || !sealed.isAlive());
      assertThat(sealed.isAlive()).as(sealed.output()).isTrue();
      assertThat(cluster.readyz()).isEqualTo(503);

      assertSuperuser("/v1/store/secrets?action=get", get("apps/web/db"), 503, "state_not_ready");
      assertSuperuser(
          "/v1/store/secrets", put("apps/web/db", "user", "sealed"), 503, "state_not_ready");
      assertAnswer(
          raw("matrix_without").post("/v1/acl/policy?action=list", "{}"), 503, "state_not_ready");
      assertSuperuser("/v1/operator/rotate", "{\"target\":\"root\"}", 503, "state_not_ready");
      Answer status = raw("matrix_without").post("/v1/sys/status", "{}");
      assertThat(status.status()).isEqualTo(200);
      assertThat(status.json().get("state").asText()).isEqualTo("sealed");
      assertAnswer(raw("recover").post("/v1/operator/recover", "{}"), 503, "state_not_ready");
      assertAnswer(
          raw("restore")
              .post("/v1/operator/restore", "{\"id\":9,\"shard\":" + fixture.randomShardJson + "}"),
          400,
          "api_bad_request");
      assertAnswer(
          raw("matrix_without")
              .post("/v1/operator/restore", "{\"id\":1,\"shard\":" + fixture.randomShardJson + "}"),
          401,
          "access_unauthorized");
      Answer wrong =
          raw("restore").post("/v1/operator/unseal", "{\"password\":\"not the escrow password\"}");
      assertAnswer(wrong, 401, "access_unauthorized");
      assertThat(wrong.json().get("message").asText()).contains("wrong password");
      assertThat(cluster.readyz()).isEqualTo(503);
      assertThat(fieldNames(status.json()))
          .as("sealed status for a workload")
          .containsExactly("state", "initialized");
      assertThat(mode(auditLog))
          .as("the audit log loosened while Nexus was down")
          .isEqualTo("rw-------");
    } finally {
      devNexusBack();
    }
    assertThat(fingerprint("apps/web/db")).isEqualTo(dbValues);
    assertThat(admin.secretMetadata("apps/web/db", 0).metadata().currentVersion())
        .isEqualTo(db.currentVersion());
  }

  @Test
  @Order(54)
  void audit_anUnwritableAuditLog_isAudit500_andTheRouteNeverRuns() throws Exception {
    String dbValues = fingerprint("apps/web/db");
    SecretMetadataResponse.Metadata db = admin.secretMetadata("apps/web/db", 0).metadata();
    int term = cipherTerm();
    List<String> policies = policyNames();
    cluster.stop("nexus");
    Path disk = Files.createDirectories(root.resolve("full-audit-disk"));
    Map<String, String> env = NexusProcess.devEnv(dev);
    env.put(Settings.AUDIT_LOG.name(), disk.resolve("audit.log").toString());
    env.put("HOSTILE_TMPFS", disk.toString());
    // A 64 KiB tmpfs, private to this Nexus (its own mount namespace), filled before Nexus starts.
    String fullDisk =
        "exec unshare --mount --propagation private /bin/sh -c 'mount -t tmpfs -o size=64k,mode=0700"
            + " tmpfs \"$HOSTILE_TMPFS\" || exit 97; cat /dev/zero > \"$HOSTILE_TMPFS/filler\" 2>/dev/null;"
            + " exec \"$0\"' \"$@\"";
    try (NexusProcess full =
        NexusProcess.start(env, root.resolve("nexus-full-disk.log"), fullDisk)) {
      DevCluster.await(Duration.ofSeconds(60), () -> cluster.readyz() == 200 || !full.isAlive());
      if (!full.isAlive()) {
        assumeThat(full.awaitExit(Duration.ofSeconds(1)))
            .as("cannot mount a private tmpfs (needs root): " + full.output())
            .isNotEqualTo(97);
        throw new AssertionError("nexus on a full audit disk stopped: " + full.output());
      }
      List<Answer> answers =
          List.of(
              raw("superuser").post("/v1/store/secrets", put("apps/web/db", "user", "unaudited")),
              raw("superuser").post("/v1/store/secrets", put("apps/unaudited", "k", "v")),
              raw("superuser")
                  .post(
                      "/v1/acl/policy",
                      policyJson("unaudited", "^spiffe://spike\\.ist/x$", "^x$", "read")),
              raw("superuser").post("/v1/operator/rotate", "{\"target\":\"keys\"}"));
      String metrics = opsText("/metrics");
      full.close();
      devNexusBack();
      // First what matters most: none of the four routes ran.
      assertThat(fingerprint("apps/web/db")).isEqualTo(dbValues);
      assertThat(admin.secretMetadata("apps/web/db", 0).metadata().currentVersion())
          .isEqualTo(db.currentVersion());
      assertThat(admin.listSecrets()).doesNotContain("apps/unaudited");
      assertThat(policyNames()).isEqualTo(policies);
      assertThat(cipherTerm()).isEqualTo(term);
      for (Answer a : answers) {
        assertAnswer(a, 500, "audit_unavailable");
      }
      Matcher failures =
          Pattern.compile("(?m)^spike_audit_failures_total(?:\\{[^}]*\\})? ([0-9.E]+)$")
              .matcher(metrics);
      assertThat(failures.find()).as("spike_audit_failures_total in /metrics").isTrue();
      assertThat(Double.parseDouble(failures.group(1))).isGreaterThanOrEqualTo(4);
    } finally {
      devNexusBack();
    }
  }

  @Test
  @Order(55)
  void audit_filesAre0600_andDirectoriesNexusCreates0700_whateverTheUmask() throws Exception {
    Path log = root.resolve("modes/a/b/audit.log");
    Map<String, String> env = NexusProcess.devEnv(dev);
    env.put(Settings.NEXUS_TLS_PORT.name(), "18553");
    env.put(Settings.NEXUS_OPS_ADDR.name(), "127.0.0.1:18554");
    env.put(Settings.DATA_DIR.name(), root.resolve("modes-data").toString());
    env.put(Settings.AUDIT_LOG.name(), log.toString());
    env.put(
        Settings.KEEPER_PEERS.name(),
        "https://localhost:9,https://localhost:10,https://localhost:11");
    try (NexusProcess p =
        NexusProcess.start(env, root.resolve("nexus-modes.log"), "umask 000; exec \"$@\"")) {
      DevCluster.await(
          Duration.ofSeconds(60),
          () -> TestPki.status("http://127.0.0.1:18554/healthz") == 200 || !p.isAlive());
      assertThat(p.isAlive()).as(p.output()).isTrue();
      assertThat(mode(log)).isEqualTo("rw-------");
      for (Path dir :
          List.of(root.resolve("modes"), root.resolve("modes/a"), root.resolve("modes/a/b"))) {
        assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------");
      }
    }
  }

  @Test
  @Order(56)
  void keepers_refuseBootstrapReseeding_409_andNexusStillRecoversAfterKill9() throws Exception {
    List<String> before = shardDigests();
    byte[] same = keepers.shard(2).orElseThrow().copyBytes();
    assertThat(
            raw("bootstrap", KeeperProbe.port(2))
                .post("/v1/store/contribute", "{\"shard\":" + ints(same) + "}")
                .status())
        .as("a retried seeding with the very same shard is fine")
        .isEqualTo(200);
    Arrays.fill(same, (byte) 0);
    try (Components bootstrap = new Components(dev, root.resolve("bootstrap-logs"))) {
      Cli.Result again = bootstrap.bootstrap("https://localhost:" + NEXUS);
      assertThat(again.exit())
          .as("the real bootstrap refuses a live system: " + again.out() + again.err())
          .isNotZero();
    }

    // The attack: a stolen bootstrap SVID seeds every keeper with a key of its own, then Nexus dies
    // before its next push could put the right shards back.
    List<Answer> reseeds = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      reseeds.add(
          raw("bootstrap", KeeperProbe.port(n))
              .post("/v1/store/contribute", "{\"shard\":" + ints(randomShard()) + "}"));
    }
    List<String> afterAttack = shardDigests();
    cluster.kill9("nexus");
    cluster.start("nexus");
    boolean recovered;
    try {
      cluster.awaitReady(Duration.ofSeconds(60));
      recovered = true;
    } catch (AssertionError e) {
      recovered = false;
    }
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(afterAttack).as("every keeper's shard after the attempts").isEqualTo(before);
    soft.assertThat(recovered).as("nexus unsealed from its keepers after kill -9").isTrue();
    for (Answer a : reseeds) {
      soft.assertThat(a.status() + " " + a.err()).as(a.toString()).isEqualTo("409 state_conflict");
    }
    soft.assertAll();
    assertThat(fingerprint("apps/web/db")).isEqualTo(dbFingerprint);
    assertThat(shardDigests()).isEqualTo(before);
  }

  /**
   * An earlier line edited in place while Nexus is down (same length, same line count, the anchored
   * last line untouched): the chain is broken ({@code spike audit verify} names the line), so Nexus
   * must refuse to start as it does for a cut.
   */
  @Test
  @Order(57)
  void audit_anEarlierLineEditedWhileNexusIsDown_nexusRefusesToStart() throws Exception {
    Thread.sleep(1500);
    cluster.stop("nexus");
    byte[] original = Files.readAllBytes(auditLog);
    List<String> lines = new ArrayList<>(Files.readAllLines(auditLog, StandardCharsets.UTF_8));
    int edited = 2; // line 3
    String line = lines.get(edited);
    int at = line.indexOf("\"requestId\":\"") + "\"requestId\":\"".length();
    String forged =
        line.substring(0, at) + (line.charAt(at) == '0' ? '1' : '0') + line.substring(at + 1);
    assertThat(forged).isNotEqualTo(line).hasSameSizeAs(line);
    lines.set(edited, forged);
    Files.write(auditLog, lines, StandardCharsets.UTF_8);
    try {
      Cli.Result verify = cluster.cli.spike("audit", "verify", auditLog.toString());
      assertThat(verify.exit())
          .as("spike audit verify sees the edit: " + verify.err())
          .isEqualTo(1);
      try (NexusProcess p =
          NexusProcess.start(NexusProcess.devEnv(dev), root.resolve("nexus-edited.log"))) {
        DevCluster.await(
            Duration.ofSeconds(30), () -> !p.isAlive() || cluster.opsGet("/healthz") == 200);
        assertThat(p.isAlive())
            .as("nexus started on an audit log edited while it was down")
            .isFalse();
        assertThat(p.awaitExit(Duration.ofSeconds(5))).isEqualTo(1);
      }
    } finally {
      Files.write(auditLog, original);
      devNexusBack();
    }
  }

  @Test
  @Order(58)
  void audit_cutWhileNexusIsDown_nexusRefusesToStart_untilTheGapIsAccepted() throws Exception {
    Cli.Result intact =
        cluster.superuser().spike("audit", "verify", auditLog.toString(), "--against-nexus");
    assertThat(intact.exit()).as(intact.out() + intact.err()).isZero();
    Thread.sleep(1500); // past the anchor interval (1 s): the store anchors every line
    cluster.stop("nexus");
    List<String> lines = Files.readAllLines(auditLog, StandardCharsets.UTF_8);
    String anchored = sha256(lines.get(lines.size() - 1));
    Files.write(auditLog, lines.subList(0, lines.size() - 3), StandardCharsets.UTF_8);
    byte[] cut = Files.readAllBytes(auditLog);

    try (NexusProcess refused =
        NexusProcess.start(NexusProcess.devEnv(dev), root.resolve("nexus-gap.log"))) {
      assertThat(refused.awaitExit(Duration.ofSeconds(30))).as(refused.output()).isEqualTo(1);
      assertThat(refused.output())
          .contains("is not intact")
          .contains("SPIKE_NEXUS_AUDIT_ACCEPT_GAP=" + anchored);
    }
    Map<String, String> wrongHash = NexusProcess.devEnv(dev);
    wrongHash.put(Settings.AUDIT_ACCEPT_GAP.name(), "0".repeat(64));
    try (NexusProcess refused =
        NexusProcess.start(wrongHash, root.resolve("nexus-gap-wrong.log"))) {
      assertThat(refused.awaitExit(Duration.ofSeconds(30))).as(refused.output()).isEqualTo(1);
    }
    assertThat(Files.readAllBytes(auditLog))
        .as("a refused start leaves the log as it found it")
        .isEqualTo(cut);
    Path away = root.resolve("audit.log.away");
    Files.move(auditLog, away);
    try (NexusProcess refused =
        NexusProcess.start(NexusProcess.devEnv(dev), root.resolve("nexus-gap-deleted.log"))) {
      assertThat(refused.awaitExit(Duration.ofSeconds(30)))
          .as("audit log deleted: " + refused.output())
          .isEqualTo(1);
      assertThat(refused.output()).contains("SPIKE_NEXUS_AUDIT_ACCEPT_GAP=" + anchored);
    } finally {
      Files.deleteIfExists(auditLog);
      Files.move(away, auditLog);
    }
    assertThat(cluster.opsGet("/healthz")).isEqualTo(-1);

    cluster
        .cli
        .with(Map.of(Settings.AUDIT_ACCEPT_GAP.name(), anchored))
        .spike("dev", "start", "nexus", "--dir", dev.toString())
        .ok();
    cluster.awaitReady(Duration.ofSeconds(60));
    List<Path> aside;
    try (Stream<Path> files = Files.list(auditLog.getParent())) {
      aside = files.filter(f -> f.getFileName().toString().startsWith("audit.log.gap-")).toList();
    }
    assertThat(aside).hasSize(1);
    assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(cut);
    JsonNode first = RawClient.JSON.readTree(Files.readAllLines(auditLog).get(0));
    assertThat(text(first, "type")).isEqualTo("gap");
    assertThat(text(first, "anchoredHash")).isEqualTo(anchored);
    assertThat(text(first, "prev")).isEqualTo("0".repeat(64));
    assertThat(fingerprint("apps/web/db")).isEqualTo(dbFingerprint);
    Thread.sleep(1500);
    Cli.Result fresh =
        cluster.superuser().spike("audit", "verify", auditLog.toString(), "--against-nexus");
    assertThat(fresh.exit()).as(fresh.out() + fresh.err()).isZero();
  }

  @Test
  @Order(59)
  void logs_andTheAuditLog_holdNoSecretValueOrPassword() throws Exception {
    StringBuilder all = new StringBuilder(cluster.allLogs());
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f :
          files
              .filter(
                  p ->
                      p.toString().endsWith(".log") || p.getFileName().toString().contains("audit"))
              .filter(Files::isRegularFile)
              .toList()) {
        all.append(Files.readString(f, StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(all.toString())
        .isNotBlank()
        .doesNotContain(PASS)
        .doesNotContain("matrix escrow password")
        .doesNotContain("matrix unseal guess")
        .doesNotContain("web-root");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * The current version of a secret as keys, version and a digest of the values: comparable, and
   * safe to print.
   */
  private static String fingerprint(String path) {
    io.spike.api.wire.SecretGetResponse r = admin.getSecret(path, 0);
    return "v"
        + r.version()
        + " "
        + new TreeMap<>(r.data()).keySet()
        + " "
        + digest(new TreeMap<>(r.data()).toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Keeper {@code id} as the superuser's status shows it (under {@code details}, or at the top as
   * Nexus once had it).
   */
  private static JsonNode statusKeeper(int id) {
    JsonNode status = raw("superuser").post("/v1/sys/status", "{}").json();
    JsonNode list =
        status.at("/details/keepers").isMissingNode()
            ? status.path("keepers")
            : status.at("/details/keepers");
    for (JsonNode k : list) {
      if (k.path("id").asInt() == id) {
        return k;
      }
    }
    throw new AssertionError("no keeper " + id + " in the status");
  }

  /** Starts the dev cluster's own Nexus again if it is not running, and waits until it serves. */
  private static void devNexusBack() {
    if (!cluster.isRunning("nexus")) {
      cluster.start("nexus");
    }
    cluster.awaitReady(Duration.ofSeconds(60));
  }

  /** What a refused call must leave as it was; compared before and after. */
  record NexusState(
      List<String> secrets,
      List<String> policies,
      String probe,
      int cipherTerm,
      int restoreCollected) {}

  private static NexusState nexusState() {
    return new NexusState(
        admin.listSecrets(),
        policyNames(),
        probeSummary(),
        cipherTerm(),
        admin.status().restore().map(StatusResponse.Restore::collected).orElse(-1));
  }

  private static String probeSummary() {
    SecretMetadataResponse m = admin.secretMetadata(fixture.probe, 0);
    Map<String, Boolean> deleted = new TreeMap<>();
    m.versions().forEach((v, info) -> deleted.put(v, info.deletedTime().isPresent()));
    return "current=" + m.metadata().currentVersion() + " deleted=" + deleted;
  }

  private static List<String> policyNames() {
    return admin.listPolicies(PolicyListRequest.all()).policies().stream()
        .map(p -> p.name())
        .toList();
  }

  private static int cipherTerm() {
    return admin.encrypt(new CipherPlaintext(new byte[] {1})).version();
  }

  private static void prepare(NexusRoute route, Who who) {
    switch (route) {
      case SECRET_DELETE -> admin.undeleteSecret(fixture.probe, List.of(1));
      case SECRET_UNDELETE -> admin.deleteSecret(fixture.probe, List.of(1));
      case POLICY_DELETE -> {
        if (!policyNames().contains(fixture.victimPolicy)) {
          policy(fixture.victimPolicy, "^spiffe://spike\\.ist/nobody$", "^nothing$", "read");
        }
      }
      default -> {}
    }
  }

  private static void assertEffect(
      NexusRoute route, Who who, Answer a, NexusState before, NexusState after) {
    JsonNode json = a.json();
    switch (route) {
      case SECRET_PUT -> {
        assertThat(admin.getSecret(fixture.probe, 0).data()).containsEntry("k", "by-" + who.tag());
        assertThat(after.probe()).isNotEqualTo(before.probe());
      }
      case SECRET_GET -> assertThat(json.at("/data/k").asText()).startsWith("");
      case SECRET_DELETE -> assertThat(after.probe()).contains("1=true");
      case SECRET_UNDELETE -> assertThat(after.probe()).contains("1=false");
      case SECRET_LIST -> assertThat(json.get("keys").toString()).contains(fixture.probe);
      case METADATA_GET -> assertThat(json.has("versions")).isTrue();
      case POLICY_PUT -> {
        assertThat(after.policies()).contains(NexusRoute.createdPolicy(who));
        admin.deletePolicy(NexusRoute.createdPolicy(who));
      }
      case POLICY_GET -> assertThat(json.get("name").asText()).isEqualTo("matrix-data");
      case POLICY_DELETE -> assertThat(after.policies()).doesNotContain(fixture.victimPolicy);
      case POLICY_LIST -> assertThat(json.toString()).contains("matrix-data");
      case CIPHER_ENCRYPT -> assertThat(json.get("version").asInt()).isPositive();
      case CIPHER_DECRYPT ->
          assertThat(
                  new String(
                      Base64.getDecoder().decode(json.get("plaintext").asText()),
                      StandardCharsets.UTF_8))
              .isEqualTo("matrix-fixture");
      case OPERATOR_RECOVER ->
          assertThat(fieldNames(json.get("shards"))).containsExactly("1", "2", "3");
      case OPERATOR_ROTATE -> assertThat(after.cipherTerm()).isEqualTo(before.cipherTerm() + 1);
      case OPERATOR_REENCRYPT -> assertThat(json.has("term")).isTrue();
      case SYS_STATUS -> {
        boolean privileged = who == Who.SUPERUSER || who == Who.RECOVER || who == Who.RESTORE;
        assertThat(fieldNames(json))
            .as("status fields for " + who)
            .isEqualTo(
                privileged
                    ? List.of("state", "initialized", "details")
                    : List.of("state", "initialized"));
        assertThat(json.get("state").asText()).isEqualTo("unsealed");
      }
      default -> {}
    }
  }

  private static List<String> shardDigests() {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      Optional<ShardValue> s = keepers.shard(n);
      out.add(
          s.map(
                  v -> {
                    byte[] b = v.copyBytes();
                    String d = digest(b);
                    Arrays.fill(b, (byte) 0);
                    return d;
                  })
              .orElse("none"));
    }
    return out;
  }

  private static long secretCount() {
    Matcher m =
        Pattern.compile("(?m)^spike_secrets(?:\\{[^}]*\\})? ([0-9.E]+)$")
            .matcher(opsText("/metrics"));
    return m.find() ? (long) Double.parseDouble(m.group(1)) : admin.listSecrets().size();
  }

  private static String opsText(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:8554" + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (Exception e) {
      throw new AssertionError("ops " + path + ": " + e, e);
    }
  }

  /** Posts {@code body} to {@code route} as the superuser; asserts the status and error code. */
  private static void assertSuperuser(String route, String body, int status, String err) {
    assertAnswer(raw("superuser").post(route, body), status, err);
  }

  private static RawClient raw(String svid) {
    return raw(svid, NEXUS);
  }

  private static RawClient raw(String svid, int port) {
    return clients.computeIfAbsent(svid + "@" + port, k -> RawClient.of(dev, svid, port));
  }

  private static void policy(String name, String spiffeid, String path, String... permissions) {
    admin.putPolicy(new PolicyPutRequest(name, spiffeid, path, List.of(permissions)));
  }
}

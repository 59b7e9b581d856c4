package io.spike.nexus.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.api.NexusClient;
import io.spike.api.wire.PolicyPutRequest;
import io.spike.api.wire.ReencryptRequest;
import io.spike.api.wire.ReencryptResponse;
import io.spike.api.wire.RotateRequest;
import io.spike.crypto.Keyring;
import io.spike.nexus.Clusters;
import io.spike.nexus.NexusTestCluster;
import io.spike.store.PolicyRecord;
import io.spike.store.RecordVisitor;
import io.spike.store.SecretRecord;
import io.spike.store.VersionRecord;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code spike operator reencrypt} over the API, on SQLite, with real keepers. */
class ReencryptRouteTest {
  @RegisterExtension final Clusters clusters = Clusters.perTest();
  private NexusTestCluster cluster;

  private NexusClient admin() {
    return cluster.client(cluster.superuser());
  }

  /** Every data-key term used by a stored record. */
  private TreeSet<Integer> storedTerms() {
    TreeSet<Integer> terms = new TreeSet<>();
    cluster
        .store()
        .export(
            new RecordVisitor() {
              @Override
              public void secret(SecretRecord record) {
                terms.add(term(record.metadata()));
              }

              @Override
              public void version(VersionRecord record) {
                terms.add(term(record.ciphertext()));
              }

              @Override
              public void policy(PolicyRecord record) {
                terms.add(term(record.ciphertext()));
              }
            });
    return terms;
  }

  private static int term(byte[] ciphertext) {
    try {
      return Keyring.termOf(ciphertext);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private List<ReencryptResponse> runToTheEnd(int batch, boolean retire) {
    List<ReencryptResponse> steps = new ArrayList<>();
    ReencryptResponse step;
    do {
      step = admin().reencrypt(new ReencryptRequest(batch, retire));
      steps.add(step);
    } while (!step.done());
    return steps;
  }

  private void liveSystemOnThreeTerms() {
    cluster = clusters.startOnSqlite(Map.of());
    cluster.seedKeepers();
    cluster.awaitReady();
    for (int i = 0; i < 7; i++) {
      admin().putSecret("apps/s" + i, Map.of("v", "one-" + i));
    }
    admin()
        .putPolicy(
            new PolicyPutRequest("web", "spiffe://spike\\.ist/web", "apps/.*", List.of("read")));
    admin().rotate(new RotateRequest("keys"));
    admin().putSecret("apps/s0", Map.of("v", "two"));
    admin().rotate(new RotateRequest("keys"));
    assertThat(storedTerms()).containsExactly(1, 2);
  }

  @Test
  void reencrypt_movesEveryRecordToTheNewestTerm_inBatches_thenRetiresOlderTerms() {
    liveSystemOnThreeTerms();

    List<ReencryptResponse> steps = runToTheEnd(3, false);

    assertThat(steps).hasSize(4); // 7 paths: 3 + 3 + 1, then the final step with the policies
    assertThat(steps.get(0).scanned()).isEqualTo(3);
    assertThat(steps.get(0).total()).isEqualTo(7);
    ReencryptResponse last = steps.get(steps.size() - 1);
    assertThat(last.moved()).isEqualTo(7 + 8 + 1); // 7 metadata, 8 versions, 1 policy
    assertThat(last.retiredTerms()).isEmpty();
    assertThat(storedTerms()).containsExactly(3);
    assertThat(cluster.ops("/metrics").body()).contains("spike_reencrypt_moved_records_total 16.0");

    // a second pass finds nothing to move; with retire, terms 1 and 2 leave the keyring
    List<ReencryptResponse> second = runToTheEnd(100, true);
    ReencryptResponse retired = second.get(second.size() - 1);
    assertThat(retired.moved()).isZero();
    assertThat(retired.retiredTerms()).containsExactly(1, 2);
    assertThat(admin().getSecret("apps/s0", 1).data()).containsEntry("v", "one-0");
    assertThat(admin().getSecret("apps/s0", 0).data()).containsEntry("v", "two");
    assertThat(admin().getPolicy("web").pathPattern()).isEqualTo("apps/.*");

    cluster.restartNexus();
    cluster.awaitReady();
    assertThat(admin().getSecret("apps/s6", 0).data()).containsEntry("v", "one-6");
  }

  /** A pass cut short by a Nexus crash is resumed by the next one, which skips what moved. */
  @Test
  void reencrypt_interruptedByARestart_isResumedByTheNextPass() {
    liveSystemOnThreeTerms();
    admin()
        .reencrypt(
            new ReencryptRequest(2, false)); // apps/s0 (3 records, terms 1-2) and apps/s1 (2)
    assertThat(storedTerms()).containsExactly(1, 3);

    cluster.restartNexus();
    cluster.awaitReady();
    List<ReencryptResponse> steps = runToTheEnd(2, false);

    assertThat(steps.get(steps.size() - 1).moved())
        .isEqualTo(16 - 5); // the first step moved 2 paths' 5 records
    assertThat(storedTerms()).containsExactly(3);
  }

  @Test
  void reencrypt_isForTheSuperuserOnly_andABadBatchIs400() {
    liveSystemOnThreeTerms();
    assertThatThrownBy(
            () -> cluster.client(cluster.workload()).reencrypt(new ReencryptRequest(0, true)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(
            cluster
                .post(cluster.superuser(), io.spike.api.Routes.OPERATOR_REENCRYPT, "{\"batch\":-1}")
                .statusCode())
        .isEqualTo(400);
    assertThat(storedTerms()).containsExactly(1, 2);
  }
}

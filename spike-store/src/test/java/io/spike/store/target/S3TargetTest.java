package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spike.testkit.LogCapture;
import io.spike.testkit.S3rverExtension;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against a real S3-compatible server (s3rver), and what only S3 targets do. */
class S3TargetTest extends BackupTargetContractTest {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  private static final String SECRET = "wJalrXUtnFEMI-not-a-real-secret-K7MDENG";

  @Override
  BackupTarget newTarget() {
    return BackupTargets.open(S3.targetUrl("t-" + UUID.randomUUID() + "/backups"));
  }

  @Test
  void objectsAreKeysUnderThePrefix_andAnotherPrefixSeesNone() {
    target.put("a/b", new byte[] {1});
    try (BackupTarget root = BackupTargets.open(S3.targetUrl(""))) {
      String prefix = target.describe().replaceFirst("^s3://spike-test/", "").split(" ")[0];
      assertThat(root.list(prefix + "/")).containsExactly(prefix + "/a/b");
    }
    try (BackupTarget other = BackupTargets.open(S3.targetUrl("other-" + UUID.randomUUID()))) {
      assertThat(other.list("")).isEmpty();
    }
  }

  @Test
  void list_followsContinuationPages() {
    try (S3Target paged =
        S3Target.connect(S3.targetUrl("paged-" + UUID.randomUUID()), /* pageSize= */ 2)) {
      for (String name : new String[] {"e", "a", "d", "b", "c"}) {
        paged.put("x/" + name, new byte[] {1});
      }
      assertThat(paged.list("x/")).containsExactly("x/a", "x/b", "x/c", "x/d", "x/e");
    }
  }

  @Test
  void describe_isBucketPrefixAndEndpoint() {
    try (BackupTarget t = BackupTargets.open(S3.targetUrl("some/prefix"))) {
      assertThat(t.describe())
          .isEqualTo("s3://spike-test/some/prefix (endpoint " + S3.endpoint() + ")");
    }
  }

  @Test
  void errors_nameBucketObjectAndS3ErrorCode() {
    String url = S3.targetUrl("").replace("s3://spike-test", "s3://no-such-bucket");
    try (BackupTarget missing = BackupTargets.open(url)) {
      assertThatThrownBy(() -> missing.put("a/b", new byte[] {1}))
          .isInstanceOf(TargetException.class)
          .hasMessageContaining("a/b")
          .hasMessageContaining("s3://no-such-bucket")
          .hasMessageContaining("NoSuchBucket");
    }
  }

  @Test
  void wrongCredentials_failWithTheErrorCode_andTheSecretReachesNoMessageNorLog() {
    String keyId = System.getProperty("aws.accessKeyId");
    String key = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.accessKeyId", "AKIAWRONGWRONGWRONG");
    System.setProperty("aws.secretAccessKey", SECRET);
    try (LogCapture logs = LogCapture.everything();
        BackupTarget wrong = BackupTargets.open(S3.targetUrl("wrong"))) {
      assertThatThrownBy(() -> wrong.put("a", new byte[] {1}))
          .isInstanceOf(TargetException.class)
          .hasMessageContaining("InvalidAccessKeyId")
          .hasMessageContaining("s3://spike-test/wrong")
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
      assertThatThrownBy(() -> wrong.list("")).isInstanceOf(TargetException.class);
      assertThat(wrong.describe()).doesNotContain(SECRET);
      assertThat(wrong.toString()).doesNotContain(SECRET);
      logs.assertNeverContains(SECRET);
    } finally {
      System.setProperty("aws.accessKeyId", keyId);
      System.setProperty("aws.secretAccessKey", key);
    }
  }

  @Test
  void credentialsInTheUrl_areRefused_withoutEchoingThem() {
    for (String url :
        new String[] {
          "s3://AKIAEXAMPLE:" + SECRET + "@bucket/prefix",
          "s3://bucket/prefix?endpoint=http://AKIAEXAMPLE:" + SECRET + "@127.0.0.1:9000",
          "s3://bucket/prefix?secret_key=" + SECRET,
          "s3://bucket/pre fix " + SECRET,
        }) {
      assertThatThrownBy(() -> BackupTargets.open(url))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(SECRET));
    }
    assertThatThrownBy(() -> BackupTargets.open("s3://k:" + SECRET + "@bucket/p"))
        .hasMessageContaining("must not carry credentials")
        .hasMessageContaining("AWS_ACCESS_KEY_ID");
  }

  @Test
  void malformedUrls_areRefused_sayingWhatIsWrong() {
    assertThatThrownBy(() -> BackupTargets.open("s3://UPPER/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> BackupTargets.open("s3://bucket/a/../b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
    assertThatThrownBy(() -> BackupTargets.open("s3://bucket/p?endpoint=ftp://h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> BackupTargets.open("s3://bucket/p?path-style=maybe"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path-style");
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}

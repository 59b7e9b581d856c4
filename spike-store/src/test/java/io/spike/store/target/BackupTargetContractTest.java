package io.spike.store.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link BackupTarget} promises, run against each implementation by a subclass that
 * opens a fresh, empty target per test.
 */
abstract class BackupTargetContractTest {
  @TempDir Path local;
  BackupTarget target;

  /** A new, empty target; closed after the test. */
  abstract BackupTarget newTarget() throws Exception;

  @BeforeEach
  void openTarget() throws Exception {
    target = newTarget();
  }

  @AfterEach
  void closeTarget() {
    target.close();
  }

  @Test
  void put_thenOpen_returnsTheBytes_andPutAgainReplacesThem() throws Exception {
    target.put("changes/log-1/a", "one".getBytes(StandardCharsets.UTF_8));
    assertThat(read("changes/log-1/a")).isEqualTo("one");
    target.put("changes/log-1/a", "uno".getBytes(StandardCharsets.UTF_8));
    assertThat(read("changes/log-1/a")).isEqualTo("uno");
  }

  @Test
  void list_isSortedByName_limitedToThePrefix_andEmptyOnAnEmptyTarget() {
    assertThat(target.list("")).isEmpty();
    target.put("changes/log-1/b", new byte[] {2});
    target.put("changes/log-1/a", new byte[] {1});
    target.put("changes/log-2/a", new byte[] {3});
    target.put("spike-snapshot-20260101T000000Z.snap", new byte[] {4});
    target.put("audit/x", new byte[0]);

    assertThat(target.list("changes/"))
        .containsExactly("changes/log-1/a", "changes/log-1/b", "changes/log-2/a");
    assertThat(target.list("changes/log-1/")).containsExactly("changes/log-1/a", "changes/log-1/b");
    assertThat(target.list("spike-snapshot-"))
        .containsExactly("spike-snapshot-20260101T000000Z.snap");
    assertThat(target.list("")).hasSize(5).isSorted();
    assertThat(target.list("none/")).isEmpty();
  }

  @Test
  void putFile_andDownload_copyTheBytes_intoAPrivateFile() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(content);
    Path source = Files.write(local.resolve("source.bin"), content);
    target.putFile("spike-snapshot-20260101T000000Z.snap", source);

    Path back = Files.writeString(local.resolve("back.bin"), "old content");
    target.download("spike-snapshot-20260101T000000Z.snap", back);
    assertThat(Files.readAllBytes(back)).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back)))
        .isEqualTo("rw-------");
  }

  @Test
  void missingObjects_openEmpty_andDownloadFailsNamingThem() {
    assertThat(target.open("copies/none")).isEmpty();
    assertThatThrownBy(() -> target.download("copies/none", local.resolve("x")))
        .isInstanceOf(TargetException.class)
        .hasMessageContaining("copies/none");
    assertThat(local.resolve("x")).doesNotExist();
  }

  @Test
  void delete_removesTheObject_andIsQuietWhenItIsGone() {
    target.put("a/one", new byte[] {1});
    target.put("a/two", new byte[] {2});
    target.delete("a/one");
    target.delete("a/one");
    assertThat(target.open("a/one")).isEmpty();
    assertThat(target.list("a/")).containsExactly("a/two");
  }

  @Test
  void namesOutsideTheRule_areRefused_beforeAnythingIsWritten() {
    for (String name : new String[] {"../x", "/abs", "a//b", ".hidden", "a/./b", "", "a b"}) {
      assertThatThrownBy(() -> target.put(name, new byte[1]))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> target.open(name))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(target.list("")).isEmpty();
  }

  @Test
  void describe_namesTheTarget_andToStringShowsIt() {
    assertThat(target.describe()).isNotBlank();
    assertThat(target.toString()).contains(target.describe());
  }

  private String read(String name) throws Exception {
    try (InputStream in = target.open(name).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

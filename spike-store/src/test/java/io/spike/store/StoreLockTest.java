package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock is checked against a real second process, as reset and snapshot restore will be. */
class StoreLockTest {

  @TempDir Path dir;

  private ProcessBuilder child(String mode) {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            StoreLockChild.class.getName(),
            mode,
            dir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
  }

  /**
   * Exit code of a child that tries the lock once: 0 acquired, {@link StoreLockChild#HELD} held.
   */
  private int childTries() throws Exception {
    Process process = child("try").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process.exitValue();
  }

  @Test
  void tryAcquire_held_otherProcessIsRefused_untilClosed() throws Exception {
    Optional<StoreLock> lock = StoreLock.tryAcquire(dir);
    assertThat(lock).isPresent();

    assertThat(childTries()).isEqualTo(StoreLockChild.HELD);

    lock.get().close();
    assertThat(childTries()).isZero();
  }

  @Test
  void tryAcquire_twiceInOneJvm_isEmpty_andKeepsTheFirstLock() throws Exception {
    try (StoreLock first = StoreLock.tryAcquire(dir).orElseThrow()) {
      assertThat(StoreLock.tryAcquire(dir)).isEmpty();
      assertThat(StoreLock.tryAcquire(dir.resolve(".").resolve("..").resolve(dir.getFileName())))
          .isEmpty();

      // the refused second attempt must not have dropped the first lock (POSIX close semantics)
      assertThat(childTries()).isEqualTo(StoreLockChild.HELD);
    }
    try (StoreLock again = StoreLock.tryAcquire(dir).orElseThrow()) {
      assertThat(again.toString()).contains("held");
    }
  }

  @Test
  void heldByAnotherProcess_isEmptyHere_andFreeOnceItDies() throws Exception {
    Process holder = child("hold").start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("acquired");

      assertThat(StoreLock.tryAcquire(dir)).isEmpty();

      holder.destroyForcibly(); // kill -9: the operating system drops the lock
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (StoreLock lock = StoreLock.tryAcquire(dir).orElseThrow()) {
      assertThat(lock.file()).hasFileName(StoreLock.FILE_NAME);
    }
  }

  @Test
  void lockFile_isCreatedPrivate_andKeptAfterClose() throws Exception {
    StoreLock.tryAcquire(dir).orElseThrow().close();

    Path file = dir.resolve(StoreLock.FILE_NAME);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void close_isIdempotent() {
    StoreLock lock = StoreLock.tryAcquire(dir).orElseThrow();
    lock.close();
    lock.close();

    assertThat(lock.toString()).contains("released");
    assertThat(StoreLock.tryAcquire(dir)).isPresent().get().satisfies(StoreLock::close);
  }

  @Test
  void missingDirectory_isStoreException() {
    assertThatThrownBy(() -> StoreLock.tryAcquire(dir.resolve("missing")))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not exist");
  }
}

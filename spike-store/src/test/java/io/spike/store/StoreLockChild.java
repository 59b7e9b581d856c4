package io.spike.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A second process for {@link StoreLockTest}: {@code try <dir>} tries the lock once and exits 0
 * when it got it, 3 when it is held; {@code hold <dir>} takes it, prints {@code acquired} and keeps
 * it until its standard input closes.
 */
final class StoreLockChild {

  static final int HELD = 3;

  private StoreLockChild() {}

  public static void main(String[] args) throws IOException {
    Optional<StoreLock> lock = StoreLock.tryAcquire(Path.of(args[1]));
    if (lock.isEmpty()) {
      System.exit(HELD);
    }
    if (args[0].equals("hold")) {
      System.out.println("acquired");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
    lock.get().close();
    System.exit(0);
  }
}

package io.spike.nexus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A small real file system (tmpfs) mounted on a test directory, to make a disk fill up for real.
 * Mounting needs root (CAP_SYS_ADMIN), as CI and the development machines here have; where it is
 * refused, the test is skipped with a message saying so.
 */
public final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created), or skips the calling test. */
  public static Tmpfs mount(Path dir, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Process mount =
        new ProcessBuilder(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "size=" + megabytes + "m,mode=0700",
                "tmpfs",
                dir.toString())
            .redirectErrorStream(true)
            .start();
    boolean done = mount.waitFor(20, TimeUnit.SECONDS);
    String output = new String(mount.getInputStream().readAllBytes());
    assumeTrue(
        done && mount.exitValue() == 0,
        "skipped: cannot mount a tmpfs to fill a disk for real (needs root): " + output.trim());
    return new Tmpfs(dir);
  }

  /**
   * Writes a filler file until the file system is full; returns it (delete it to free the space).
   */
  public Path fill() throws IOException {
    Path filler = dir.resolve("filler-" + System.nanoTime());
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      // No space left on device: what we wanted.
    }
    // The last partial chunk may still fit in small pieces: take them too.
    try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
      while (true) {
        out.write(new byte[512]);
        out.flush();
      }
    } catch (IOException full) {
      // full to the last block
    }
    return filler;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("umount", "-l", dir.toString())
        .inheritIO()
        .start()
        .waitFor(20, TimeUnit.SECONDS);
  }
}

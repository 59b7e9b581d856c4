package io.spike.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundWriterTest {

  @TempDir Path dir;

  private static boolean writerThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("spike-snapshot-writer") && t.isAlive());
  }

  @Test
  void everyByteArrivesInOrder_acrossChunks_forSeededWriteSizes() throws IOException {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      Path file = dir.resolve("out-" + seed);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        BackgroundWriter writer = new BackgroundWriter(channel);
        long total = 0;
        while (total < 3L * BackgroundWriter.CHUNK_BYTES + 12_345) {
          if (random.nextInt(10) == 0) {
            int b = random.nextInt(256);
            writer.write(b);
            expected.write(b);
            total++;
          } else {
            byte[] bytes = new byte[random.nextInt(200_000)];
            random.nextBytes(bytes);
            int off = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            writer.write(bytes, off, bytes.length - off);
            expected.write(bytes, off, bytes.length - off);
            total += bytes.length - off;
          }
        }
        writer.finish();
        writer.abort(); // after finish: nothing left to drop, no failure
      }
      assertThat(Files.readAllBytes(file)).as("seed " + seed).isEqualTo(expected.toByteArray());
    }
    assertThat(writerThreadAlive()).isFalse();
  }

  @Test
  void digests_coverExactlyTheBytesBetweenStartAndEnd() throws Exception {
    Random random = new Random(7);
    Path file = dir.resolve("digested");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BackgroundWriter writer = new BackgroundWriter(channel);
      for (int section = 0; section < 6; section++) {
        byte[] prefix = new byte[1 + random.nextInt(20)];
        random.nextBytes(prefix);
        writer.write(prefix);
        all.write(prefix);
        writer.startDigest();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        // sections of 0 bytes to several chunks, in writes of many sizes
        int length = section == 2 ? 0 : random.nextInt(3 * BackgroundWriter.CHUNK_BYTES);
        for (int done = 0; done < length; ) {
          byte[] part = new byte[Math.min(length - done, 1 + random.nextInt(100_000))];
          random.nextBytes(part);
          writer.write(part);
          all.write(part);
          expected.update(part);
          done += part.length;
        }
        assertThat(writer.endDigest()).as("section " + section).isEqualTo(expected.digest());
      }
      writer.finish();
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(all.toByteArray());
  }

  @Test
  void aChannelThatFails_failsTheProducer_neverHangsIt() throws IOException {
    Path file = dir.resolve("closed");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    channel.close();
    BackgroundWriter writer = new BackgroundWriter(channel);
    byte[] chunk = new byte[BackgroundWriter.CHUNK_BYTES];

    // far more than the chunks in flight: the producer must see the failure, not block
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100; i++) {
                writer.write(chunk);
              }
              writer.finish();
            })
        .isInstanceOf(IOException.class);
    assertThatThrownBy(writer::finish).isInstanceOf(IOException.class);
    writer.abort();
    assertThat(writerThreadAlive()).isFalse();
  }

  @Test
  void abort_stopsTheWriter_andDropsWhatIsQueued() throws IOException {
    Path file = dir.resolve("aborted");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BackgroundWriter writer = new BackgroundWriter(channel);
      writer.write(new byte[10]); // still in the producer's chunk: never handed over

      writer.abort();

      assertThat(writerThreadAlive()).isFalse();
      assertThat(channel.size()).isZero();
    }
  }

  @Test
  void anInterruptedProducer_getsInterruptedIoException_andTheWriterStops() throws Exception {
    Path file = dir.resolve("interrupted");
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      BackgroundWriter writer = new BackgroundWriter(channel);
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> writer.write(new byte[3 * BackgroundWriter.CHUNK_BYTES]))
            .isInstanceOf(InterruptedIOException.class);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(writerThreadAlive()).isFalse();
    }
  }
}

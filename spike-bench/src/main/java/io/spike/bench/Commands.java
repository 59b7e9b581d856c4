package io.spike.bench;

import io.spike.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external commands (the distribution's scripts, {@code java}, {@code curl}) and times them,
 * their output going to files in a scratch directory (no pipe to fill). A command that cannot
 * start, times out or exits non-zero is an {@link Outcome} that says so, never a silent zero.
 */
final class Commands {
  /** One finished (or failed) run: its exit code (-1 when it could not start or timed out). */
  record Outcome(int exitCode, double seconds, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** A short reason for a failed run, for the errors column (stderr's last line). */
    String failure() {
      String text = stderr.strip();
      int cut = text.lastIndexOf('\n');
      String last = cut < 0 ? text : text.substring(cut + 1);
      return "exit " + exitCode + (last.isEmpty() ? "" : ": " + last);
    }
  }

  private final Path scratch;
  private final Map<String, String> env;

  /** Commands run with this process's environment plus {@code env}, SPIKE_JAVA_OPTS removed. */
  Commands(Path scratch, Map<String, String> env) {
    this.scratch = scratch;
    this.env = Map.copyOf(env);
  }

  Commands with(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(env);
    merged.putAll(more);
    return new Commands(scratch, merged);
  }

  Outcome run(List<String> command, long timeoutSeconds) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(Settings.JAVA_OPTS.name());
    builder.environment().putAll(env);
    Path out = scratch.resolve("cmd.out");
    Path err = scratch.resolve("cmd.err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    long t0 = System.nanoTime();
    try {
      Process process = builder.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        return new Outcome(-1, seconds(t0), "", "timed out after " + timeoutSeconds + " s");
      }
      double seconds = seconds(t0);
      return new Outcome(
          process.exitValue(), seconds, Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      return new Outcome(
          -1, seconds(t0), "", "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #run} and throws (with stderr) unless the command succeeded. */
  Outcome require(List<String> command, long timeoutSeconds) {
    Outcome outcome = run(command, timeoutSeconds);
    if (!outcome.ok()) {
      throw new IllegalStateException(
          String.join(" ", command) + " failed: " + outcome.failure() + "\n" + outcome.stderr());
    }
    return outcome;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}

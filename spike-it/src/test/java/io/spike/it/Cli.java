package io.spike.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the distribution's launchers as real processes and captures what they print. */
final class Cli {
  static final Path DIST =
      Path.of(System.getProperty("spike.dist", "../spike-dist/target/spike"))
          .toAbsolutePath()
          .normalize();

  private final Map<String, String> env = new HashMap<>();

  Cli(Map<String, String> env) {
    this.env.putAll(env);
  }

  static Path bin(String name) {
    Path p = DIST.resolve("bin").resolve(name);
    if (!Files.isExecutable(p)) {
      throw new IllegalStateException(
          p + " is missing: build spike-dist first (./mvnw -B verify does)");
    }
    return p;
  }

  /** A copy of this CLI with more environment. */
  Cli with(Map<String, String> more) {
    Cli c = new Cli(env);
    c.env.putAll(more);
    return c;
  }

  Result spike(String... args) {
    return run(bin("spike").toString(), args);
  }

  /** Runs {@code spike policy create} with the given name, patterns and permissions. */
  Result createPolicy(String name, String spiffeIdPattern, String pathPattern, String permissions) {
    return spike(
        "policy",
        "create",
        "--name",
        name,
        "--spiffeid-pattern",
        spiffeIdPattern,
        "--path-pattern",
        pathPattern,
        "--permissions",
        permissions);
  }

  /**
   * Runs {@code spike} with {@code stdin} piped in (as an operator piping a file or a password).
   */
  Result spikeWithInput(String stdin, String... args) {
    return runWithInput(stdin, bin("spike").toString(), args);
  }

  Result run(String program, String... args) {
    return runWithInput(null, program, args);
  }

  private Result runWithInput(String stdin, String program, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(program);
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("spike-it-out", ".txt");
      Path err = Files.createTempFile("spike-it-err", ".txt");
      Path in = null;
      if (stdin != null) {
        in = Files.createTempFile("spike-it-in", ".txt");
        Files.writeString(in, stdin, StandardCharsets.UTF_8);
      }
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectInput(
                  ProcessBuilder.Redirect.from(in == null ? new File("/dev/null") : in.toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + cmd);
      }
      Result r =
          new Result(
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      if (in != null) {
        Files.deleteIfExists(in);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Exit code and output of one command. */
  record Result(int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
      }
      return this;
    }

    /** The {@code export K=V} lines printed by {@code dev env} / {@code dev issue}, as a map. */
    Map<String, String> exports() {
      Map<String, String> m = new HashMap<>();
      for (String line : out.split("\n")) {
        line = line.trim();
        if (line.startsWith("export ")) {
          String kv = line.substring("export ".length());
          int eq = kv.indexOf('=');
          String v = kv.substring(eq + 1);
          if (v.length() >= 2
              && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
          }
          m.put(kv.substring(0, eq), v);
        }
      }
      return m;
    }
  }
}

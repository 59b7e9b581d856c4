package io.spike.pilot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.spike.api.NexusClient;
import io.spike.api.SpikeHttp;
import io.spike.pilot.SpikeCli;
import io.spike.pilot.cli.CliContext;
import io.spike.pilot.cli.NexusSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Runs the CLI in a fresh JVM on this test's class path, with the process's real streams and
 * console, against a Nexus at a plain {@code http://} URL (a {@link FakeServer}): with stdin piped,
 * or on a pseudo-terminal that util-linux {@code script} gives it. The child is this class's {@link
 * #main}; its environment holds only {@value #NEXUS_URL} and {@code PATH}.
 */
public final class ChildCli {
  /** The child's variable naming the Nexus URL. */
  static final String NEXUS_URL = "SPIKE_NEXUS_API_URL";

  /** util-linux {@code script}, which runs a command on a pseudo-terminal. */
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  private static final long TIMEOUT_SECONDS = 60;

  /**
   * What a child left behind.
   *
   * @param exit its exit code
   * @param out stdout (piped) or the whole terminal transcript ({@code \r\n} made {@code \n})
   * @param err stderr (piped; empty on a terminal, where it is part of {@code out})
   */
  public record Outcome(int exit, String out, String err) {}

  private ChildCli() {}

  /** The child: {@code spike args...} with the real console, Nexus at {@value #NEXUS_URL}. */
  public static void main(String[] args) {
    URI nexus = URI.create(System.getenv(NEXUS_URL));
    CliContext system = CliContext.system();
    CliContext ctx =
        new CliContext(
            system.env(),
            system.out(),
            system.err(),
            system.in(),
            () ->
                new NexusSession(new NexusClient(http(nexus)), FakeServer.CALLER, nexus, () -> {}),
            system.terminal());
    System.exit(SpikeCli.run(ctx, args));
  }

  /**
   * Why a child cannot be given a terminal here ({@code script} missing, or no pseudo-terminal to
   * be had), for a test to skip with; empty when it can.
   */
  public static Optional<String> noTerminal() throws IOException, InterruptedException {
    if (!Files.isExecutable(SCRIPT)) {
      return Optional.of(SCRIPT + " (util-linux) is missing");
    }
    Process probe =
        new ProcessBuilder(SCRIPT.toString(), "-qec", "true", "/dev/null")
            .redirectErrorStream(true)
            .start();
    probe.getOutputStream().close();
    String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return await(probe) == 0
        ? Optional.empty()
        : Optional.of(SCRIPT + " cannot open a pseudo-terminal here: " + said.strip());
  }

  /** Runs {@code spike args...} with {@code stdin} piped in (then closed). */
  public static Outcome piped(URI nexus, String stdin, String... args)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(javaCommand(args));
    environment(builder, nexusAt(nexus));
    Process process = builder.start();
    CompletableFuture<String> out = drain(process.getInputStream(), new ByteArrayOutputStream());
    CompletableFuture<String> err = drain(process.getErrorStream(), new ByteArrayOutputStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    return new Outcome(await(process), out.join(), err.join());
  }

  /**
   * Runs {@code spike args...} on a pseudo-terminal: once the transcript shows {@code awaited},
   * types {@code typed} and Enter. Typing only after the prompt matters: a line typed earlier is
   * echoed by the terminal before the CLI could turn echo off.
   */
  public static Outcome onTerminal(URI nexus, String awaited, String typed, String... args)
      throws IOException, InterruptedException {
    String command = String.join(" ", javaCommand(args).stream().map(ChildCli::quoted).toList());
    return transcript(
        nexusAt(nexus), List.of(SCRIPT.toString(), "-qec", command, "/dev/null"), awaited, typed);
  }

  /**
   * The transcript of a plain command reading one line on a pseudo-terminal, {@code typed}: shows
   * that the terminal echoes what is typed unless a program turns echo off.
   */
  public static String echoedByDefault(String typed) throws IOException, InterruptedException {
    return transcript(
            Map.of(),
            List.of(SCRIPT.toString(), "-qec", "head -n 1 >/dev/null; echo done", "/dev/null"),
            "",
            typed)
        .out();
  }

  private static Outcome transcript(
      Map<String, String> env, List<String> command, String awaited, String typed)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    environment(builder, env);
    Process process = builder.start();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    CompletableFuture<String> out = drain(process.getInputStream(), seen);
    // stdin stays open until the child ends: script ends the session when its input does.
    try (OutputStream in = process.getOutputStream()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (!text(seen).contains(awaited) && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (process.isAlive()) {
        in.write((typed + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
      }
      int exit = await(process);
      return new Outcome(exit, out.join().replace("\r\n", "\n"), "");
    }
  }

  private static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As SpikeCli.main: the CLI's own logging configuration, silent.
    command.add("-Dlogback.configurationFile=io/spike/pilot/logback-cli.xml");
    command.add("-Dspike.cli.log.level=OFF");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildCli.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  private static Map<String, String> nexusAt(URI nexus) {
    return Map.of(NEXUS_URL, nexus.toString());
  }

  /** Only {@code PATH} of this process's environment, and {@code vars}. */
  private static void environment(ProcessBuilder builder, Map<String, String> vars) {
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.putAll(vars);
  }

  private static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static SpikeHttp http(URI nexus) {
    try {
      return new SpikeHttp(
          nexus, SSLContext.getDefault(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in, ByteArrayOutputStream into) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
              synchronized (into) {
                into.write(buffer, 0, n);
              }
            }
            return text(into);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        // A thread per stream: the common pool may have a single worker on a small machine.
        task -> new Thread(task, "child-cli-drain").start());
  }

  private static String text(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static int await(Process process) throws InterruptedException {
    boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the spike child ended within its time").isTrue();
    return process.exitValue();
  }
}

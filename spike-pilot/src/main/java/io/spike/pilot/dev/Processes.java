package io.spike.pilot.dev;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts, finds and stops the cluster's processes. Each runs {@code java
 * [@lib/jvm/<component>.options] [SPIKE_JAVA_OPTS] -cp <this JVM's class path> <main class>} (the
 * options file {@code bin/<component>} uses, see {@link JavaCommand}) with its own environment,
 * stdin from {@code /dev/null}, stdout and stderr appended to {@code D/logs/<name>.log}, and its
 * pid in {@code D/<name>.pid}; so it outlives the CLI. A pid counts as running only when the
 * process is alive and its command line names the component's main class (pids get reused).
 */
final class Processes {
  static final String BOOTSTRAP_MAIN = "io.spike.pilot.BootstrapMain";
  private static final Duration GRACE = Duration.ofSeconds(15);

  private final DevLayout layout;
  private final Map<String, String> callerEnv;

  Processes(DevLayout layout, Map<String, String> callerEnv) {
    this.layout = layout;
    this.callerEnv = Map.copyOf(callerEnv);
  }

  /**
   * Starts {@code mainClass} as {@code name} with {@code env}; the caller records the pid if it
   * wants.
   */
  Process launch(String name, String mainClass, Map<String, String> env) {
    List<String> command =
        new ArrayList<>(
            jvmOptions(mainClass)
                .map(options -> JavaCommand.of(callerEnv, options))
                .orElseGet(() -> JavaCommand.of(callerEnv)));
    command.add(mainClass);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(layout.dir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(name).toFile()));
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Files.writeString(
          layout.log(name),
          "--- spike dev: starting " + name + " at " + Instant.now() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** Starts {@code component} and writes its pid file. */
  ProcessHandle start(Component component, Map<String, String> env) {
    ProcessHandle handle = launch(component.name(), component.mainClass(), env).toHandle();
    writePid(component, handle.pid());
    return handle;
  }

  /** The component's process, when its pid file names a live process running its main class. */
  Optional<ProcessHandle> running(Component component) {
    Path file = layout.pid(component.name());
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> runs(h, component.mainClass()));
  }

  /**
   * Stops the component (SIGTERM, then SIGKILL after a grace period); false when it was not
   * running. For PostgreSQL, a server orphaned by a killed {@code DevPostgresMain} is stopped too.
   */
  boolean stop(Component component) {
    Optional<ProcessHandle> handle = running(component);
    handle.ifPresent(Processes::terminate);
    try {
      Files.deleteIfExists(layout.pid(component.name()));
    } catch (IOException ignored) {
      // A stale pid file is harmless: running() checks the process itself.
    }
    boolean orphan =
        component.isPostgres()
            && DevPostgresMain.stopOrphan(
                layout.postgres(), new PrintStream(OutputStream.nullOutputStream()));
    return handle.isPresent() || orphan;
  }

  static void terminate(ProcessHandle handle) {
    handle.destroy();
    if (!awaitExit(handle, GRACE)) {
      handle.destroyForcibly();
      awaitExit(handle, Duration.ofSeconds(5));
    }
  }

  static boolean awaitExit(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !handle.isAlive();
    }
  }

  private static boolean runs(ProcessHandle handle, String mainClass) {
    // /proc has the whole command line; ProcessHandle.Info drops or cuts long ones (long class
    // paths).
    Path proc = Path.of("/proc", String.valueOf(handle.pid()), "cmdline");
    try {
      if (Files.isReadable(proc)) {
        return Arrays.asList(
                new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).split("\0"))
            .contains(mainClass);
      }
    } catch (IOException e) {
      // Fall back to what the JDK can tell.
    }
    ProcessHandle.Info info = handle.info();
    Optional<Boolean> byArgs = info.arguments().map(a -> Arrays.asList(a).contains(mainClass));
    Optional<Boolean> byLine = info.commandLine().map(l -> l.contains(" " + mainClass));
    // When the OS will not say what the process runs, trust the pid file.
    return byArgs.or(() -> byLine).orElse(true);
  }

  private void writePid(Component component, long pid) {
    Path file = layout.pid(component.name());
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, pid + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** This JVM's java binary, {@code SPIKE_JAVA_OPTS}, and its class path made absolute. */
  static List<String> javaCommand(Map<String, String> env) {
    return JavaCommand.of(env);
  }

  /**
   * The JVM options file ({@code lib/jvm/<name>.options}) of the component {@code mainClass} runs:
   * Nexus, keepers and bootstrap have one, as their {@code bin/} launchers do; PostgreSQL's
   * supervisor (and anything else) runs with {@code SPIKE_JAVA_OPTS} only.
   */
  static Optional<String> jvmOptions(String mainClass) {
    return switch (mainClass) {
      case Component.NEXUS_MAIN -> Optional.of("nexus");
      case Component.KEEPER_MAIN -> Optional.of("keeper");
      case BOOTSTRAP_MAIN -> Optional.of("bootstrap");
      default -> Optional.empty();
    };
  }
}

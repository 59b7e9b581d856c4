package io.spike.pilot.dev;

import io.spike.config.Environment;
import io.spike.config.Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line that runs another main class of this distribution in a new JVM: this JVM's
 * {@code java}, the options in {@code SPIKE_JAVA_OPTS}, and this JVM's class path made absolute (so
 * the child finds the same classes whatever its working directory). {@code spike dev} and {@code
 * spike drill} start Nexus, keepers and PostgreSQL this way.
 */
public final class JavaCommand {
  private JavaCommand() {}

  /** {@code java [opts] -cp <class path>}; the caller appends the main class. */
  public static List<String> of(Map<String, String> env) {
    List<String> command = new ArrayList<>();
    Path home = Path.of(System.getProperty("java.home"), "bin", "java");
    command.add(
        Files.isExecutable(home)
            ? home.toString()
            : ProcessHandle.current().info().command().orElse("java"));
    Environment.of(env)
        .find(Settings.JAVA_OPTS)
        .ifPresent(opts -> command.addAll(Arrays.asList(opts.split("\\s+"))));
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        classpath.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    return command;
  }
}

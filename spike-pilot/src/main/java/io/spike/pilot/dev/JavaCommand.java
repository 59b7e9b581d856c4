package io.spike.pilot.dev;

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
  /** Extra JVM options for started components, split on whitespace. */
  public static final String OPTS_ENV = "SPIKE_JAVA_OPTS";

  private JavaCommand() {}

  /** {@code java [opts] -cp <class path>}; the caller appends the main class. */
  public static List<String> of(Map<String, String> env) {
    List<String> command = new ArrayList<>();
    Path home = Path.of(System.getProperty("java.home"), "bin", "java");
    command.add(
        Files.isExecutable(home)
            ? home.toString()
            : ProcessHandle.current().info().command().orElse("java"));
    String opts = env.getOrDefault(OPTS_ENV, "").trim();
    if (!opts.isEmpty()) {
      command.addAll(Arrays.asList(opts.split("\\s+")));
    }
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

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
import java.util.Optional;

/**
 * The command line that runs another main class of this distribution in a new JVM: this JVM's
 * {@code java}, the component's JVM options file when there is one, the options in {@code
 * SPIKE_JAVA_OPTS} (last, so they win), and this JVM's class path made absolute (so the child finds
 * the same classes whatever its working directory). {@code spike dev} and {@code spike drill} start
 * Nexus, keepers and PostgreSQL this way.
 *
 * <p>A component's options file is {@code lib/jvm/<component>.options} next to the distribution's
 * {@code lib/spike.jar}: the very file {@code bin/<component>} passes to {@code java} as an
 * argument file, so a local cluster runs with the flags of an installed one. Run from anything but
 * the distribution (an IDE, the module's tests) there is none and only {@code SPIKE_JAVA_OPTS}
 * applies.
 */
public final class JavaCommand {
  /** The distribution's jar; its {@code jvm/} sibling holds the options files. */
  static final String DIST_JAR = "spike.jar";

  private JavaCommand() {}

  /** {@code java [opts] -cp <class path>}; the caller appends the main class. */
  public static List<String> of(Map<String, String> env) {
    return of(env, Optional.empty(), System.getProperty("java.class.path"));
  }

  /**
   * {@code java [@lib/jvm/<component>.options] [opts] -cp <class path>} for {@code component}
   * ({@code nexus}, {@code keeper}, {@code bootstrap}); the caller appends the main class.
   */
  public static List<String> of(Map<String, String> env, String component) {
    return of(env, Optional.of(component), System.getProperty("java.class.path"));
  }

  static List<String> of(Map<String, String> env, Optional<String> component, String classPath) {
    List<String> command = new ArrayList<>();
    Path home = Path.of(System.getProperty("java.home"), "bin", "java");
    command.add(
        Files.isExecutable(home)
            ? home.toString()
            : ProcessHandle.current().info().command().orElse("java"));
    List<Path> classpath = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        classpath.add(Path.of(entry).toAbsolutePath());
      }
    }
    component.flatMap(c -> optionsFile(classpath, c)).ifPresent(f -> command.add("@" + f));
    Environment.of(env)
        .find(Settings.JAVA_OPTS)
        .ifPresent(opts -> command.addAll(Arrays.asList(opts.trim().split("\\s+"))));
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    return command;
  }

  /** {@code lib/jvm/<component>.options} beside the distribution's jar on {@code classpath}. */
  static Optional<Path> optionsFile(List<Path> classpath, String component) {
    return classpath.stream()
        .filter(p -> p.getFileName() != null && p.getFileName().toString().equals(DIST_JAR))
        .filter(Files::isRegularFile)
        .map(p -> p.resolveSibling("jvm").resolve(component + ".options"))
        .filter(Files::isRegularFile)
        .findFirst();
  }
}

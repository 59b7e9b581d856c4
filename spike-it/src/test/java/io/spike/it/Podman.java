package io.spike.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The podman CLI as {@link ContainerIT} drives it, with what these machines need: runtime {@code
 * runc}, host network, explicit ulimits. Every container, volume and image name it makes carries
 * one random prefix, and {@link #close()} removes them all.
 */
final class Podman implements AutoCloseable {
  private static final List<String> RUN_FLAGS =
      List.of(
          "--runtime=runc",
          "--network=host",
          "--ulimit",
          "nofile=20000:20000",
          "--ulimit",
          "nproc=32768:32768");

  private static final Pattern LOADED = Pattern.compile("Loaded image(?:\\(s\\))?: *(\\S+)");

  private final Cli cli = new Cli(Map.of());
  private final String prefix = "spike-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> containers = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private final List<String> images = new ArrayList<>();

  /** Why podman cannot run containers here, if it cannot. */
  static Optional<String> unavailable() {
    try {
      Cli.Result info =
          new Cli(Map.of()).run("podman", "info", "--format", "{{.Host.OCIRuntime.Name}}");
      return info.exit() == 0
          ? Optional.empty()
          : Optional.of("podman info failed (exit " + info.exit() + "): " + info.err().strip());
    } catch (RuntimeException e) {
      return Optional.of(
          "podman is not on the PATH (deploy/container/podman-setup.sh installs it)");
    }
  }

  /**
   * Loads an image tarball and returns a name of this run's own for it. Closing removes that name,
   * and the image's own name if it was not there before.
   */
  String load(Path tarball) {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          tarball + " is missing: build spike-dist first (./mvnw -B verify does)");
    }
    List<String> before =
        podman("images", "--format", "{{.Repository}}:{{.Tag}}").out().lines().toList();
    Matcher loaded = LOADED.matcher(podman("load", "--input", tarball.toString()).out());
    if (!loaded.find()) {
      throw new IllegalStateException("podman load named no image");
    }
    String name = loaded.group(1);
    if (!before.contains(name)) {
      images.add(name);
    }
    String own = "localhost/" + prefix + "-image:test";
    podman("tag", name, own);
    images.add(0, own);
    return own;
  }

  String volume(String name) {
    String volume = prefix + "-" + name;
    podman("volume", "create", volume);
    volumes.add(volume);
    return volume;
  }

  /** Starts a detached container named {@code name} (plus this run's prefix). */
  String start(String name, List<String> options, String image, String... args) {
    String container = prefix + "-" + name;
    containers.add(container);
    List<String> cmd = new ArrayList<>(List.of("run", "--detach", "--name", container));
    cmd.addAll(RUN_FLAGS);
    cmd.addAll(options);
    cmd.add(image);
    cmd.addAll(List.of(args));
    podman(cmd.toArray(String[]::new));
    return container;
  }

  /** Runs a container to its end and returns what it printed and its exit code. */
  Cli.Result run(List<String> options, String image, String... args) {
    List<String> cmd = new ArrayList<>(List.of("run", "--rm"));
    cmd.addAll(RUN_FLAGS);
    cmd.addAll(options);
    cmd.add(image);
    cmd.addAll(List.of(args));
    return cli.run("podman", cmd.toArray(String[]::new));
  }

  /** {@code podman kill}: SIGKILL, as a crash would; then the container is removed. */
  void kill(String container) {
    podman("kill", container);
    remove(container);
  }

  /** Removes a container, running or not, with its anonymous volumes. */
  void remove(String container) {
    podman("rm", "--force", "--volumes", "--time", "0", container);
  }

  String logs(String container) {
    Cli.Result r = cli.run("podman", "logs", container);
    return "--- " + container + "\n" + r.out() + r.err();
  }

  /** The logs of every container of this run that still exists. */
  String allLogs() {
    StringBuilder sb = new StringBuilder();
    for (String c : containers) {
      sb.append(logs(c)).append('\n');
    }
    return sb.toString();
  }

  private Cli.Result podman(String... args) {
    return cli.run("podman", args).ok();
  }

  @Override
  public void close() {
    for (String c : containers) {
      cli.run("podman", "rm", "--force", "--volumes", "--time", "0", c);
    }
    for (String v : volumes) {
      cli.run("podman", "volume", "rm", "--force", v);
    }
    for (String i : images) {
      cli.run("podman", "rmi", i);
    }
  }
}

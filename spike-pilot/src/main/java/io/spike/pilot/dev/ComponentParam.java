package io.spike.pilot.dev;

import picocli.CommandLine.Parameters;

/** The component argument of {@code dev start} and {@code dev stop}. */
final class ComponentParam {
  @Parameters(
      index = "0",
      paramLabel = "nexus|keeper-<N>|postgres",
      description = "The component: nexus, keeper-<N>, or postgres when dev runs it.")
  private String component;

  /** The component named, in the cluster of {@code shape}; a usage error if it has none such. */
  Component in(ClusterShape shape) {
    return Component.parse(component, shape);
  }
}

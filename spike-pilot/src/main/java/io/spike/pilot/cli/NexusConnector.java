package io.spike.pilot.cli;

/** Opens a session with Nexus. Production reads the environment; tests point it at a fake. */
@FunctionalInterface
public interface NexusConnector {
  /**
   * Loads the identity and builds the client. Throws {@link CliFailure} or {@link UsageException}
   * with the one-line message when it cannot.
   */
  NexusSession open();
}

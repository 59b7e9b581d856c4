package io.spike.pilot.cli;

/** The {@code -f} choices: text for people, or the command's data model as JSON or YAML. */
public enum OutputFormat {
  HUMAN, JSON, YAML;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

package io.spike.pilot.cli;

import java.util.Locale;

/** The {@code -f} choices: text for people, or the command's data model as JSON or YAML. */
public enum OutputFormat {
  HUMAN,
  JSON,
  YAML;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

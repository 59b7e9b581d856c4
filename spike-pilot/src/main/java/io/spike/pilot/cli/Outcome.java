package io.spike.pilot.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The machine-readable result of a command whose route answers {@code {}}: what was done to what,
 * e.g. {@code {"action":"stored","target":"apps/web/db"}}.
 *
 * @param action past-tense verb
 * @param target the secret path or policy name
 * @param versions the versions acted on; empty means the current one (omitted from JSON/YAML)
 */
public record Outcome(
    String action,
    String target,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> versions) {

  public Outcome {
    versions = versions == null ? List.of() : List.copyOf(versions);
  }

  public Outcome(String action, String target) {
    this(action, target, List.of());
  }

  /** The human form: {@code stored apps/web/db}, {@code deleted versions 1, 2 of apps/web/db}. */
  public String human() {
    if (versions.isEmpty()) {
      return action + " " + target;
    }
    String list = versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return action + " version" + (versions.size() == 1 ? " " : "s ") + list + " of " + target;
  }
}

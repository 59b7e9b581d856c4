package io.spike.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of every registered setting, copied once from an environment and frozen: later changes
 * to the source are not seen. Blank counts as unset. An upstream alias is read when our name is
 * unset; when both are set, ours wins and one warning names both variables (never their values).
 */
public final class Environment {

  private final Map<String, String> values;

  private Environment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process environment. */
  public static Environment system() {
    return of(System::getenv);
  }

  /** The registered settings as {@code env} holds them. */
  public static Environment of(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    return of(env::get);
  }

  /** The registered settings as {@code env} gives them ({@code null}: unset). */
  public static Environment of(Function<String, String> env) {
    Objects.requireNonNull(env, "env");
    Map<String, String> values = new HashMap<>();
    for (Setting<?> setting : Settings.ALL) {
      String ours = trimmed(env.apply(setting.name()));
      for (String alias : setting.aliases()) {
        String theirs = trimmed(env.apply(alias));
        if (theirs == null) {
          continue;
        }
        if (ours == null) {
          ours = theirs;
        } else {
          // The logger is looked up only here: reading settings must not start the logging
          // backend, because the CLI configures it from SPIKE_DEBUG before any logger exists.
          Logger log = LoggerFactory.getLogger(Environment.class);
          log.warn(
              "both {} and its upstream name {} are set; using {}",
              setting.name(),
              alias,
              setting.name());
        }
      }
      if (ours != null) {
        values.put(setting.name(), ours);
      }
    }
    return new Environment(values);
  }

  /** Whether the variable (or an alias) is set and not blank. */
  public boolean isSet(Setting<?> setting) {
    return values.containsKey(setting.name());
  }

  /**
   * The parsed value when set.
   *
   * @throws SettingException when set to a value the parser refuses
   */
  public <T> Optional<T> find(Setting<T> setting) {
    String text = values.get(setting.name());
    return text == null ? Optional.empty() : Optional.of(setting.parse(text));
  }

  /**
   * The parsed value, or the setting's default.
   *
   * @throws SettingException when the value is refused, or unset without a default
   */
  public <T> T get(Setting<T> setting) {
    return find(setting)
        .or(setting::defaultValue)
        .orElseThrow(
            () ->
                new SettingException(
                    setting.name() + " is not set; expected " + setting.parser().expected()));
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public String toString() {
    return "Environment" + values.keySet();
  }
}

package io.spike.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the environment of a process to launch, through {@link Setting} keys and typed values:
 * {@code new EnvBuilder().set(Settings.NEXUS_TLS_PORT, 0).build()}. Variables of other programs
 * (PATH, HOME, ...) are copied in with {@link #inherit}.
 */
public final class EnvBuilder {
  private final Map<String, String> env = new HashMap<>();

  /** An empty environment. */
  public EnvBuilder() {}

  /** Starts from a copy of {@code base} (e.g. the caller's environment). */
  public EnvBuilder(Map<String, String> base) {
    env.putAll(base);
  }

  /** Sets {@code setting} to {@code value}, written as its parser writes it. */
  public <T> EnvBuilder set(Setting<T> setting, T value) {
    env.put(setting.name(), setting.format(value));
    return this;
  }

  /** Sets {@code setting} to {@code text} as written (a value a test wants to be refused, say). */
  public EnvBuilder setText(Setting<?> setting, String text) {
    env.put(setting.name(), Objects.requireNonNull(text, "text"));
    return this;
  }

  /** Removes {@code setting} and its upstream aliases. */
  public EnvBuilder remove(Setting<?> setting) {
    env.remove(setting.name());
    setting.aliases().forEach(env::remove);
    return this;
  }

  /** Removes every registered variable and alias (a child that must not inherit any). */
  public EnvBuilder removeAllSettings() {
    Settings.ALL.forEach(this::remove);
    return this;
  }

  /** Copies {@code name} from {@code from} when it is there (for non-SPIKE variables). */
  public EnvBuilder inherit(Map<String, String> from, String name) {
    String value = from.get(name);
    if (value != null) {
      env.put(name, value);
    }
    return this;
  }

  /** Adds every entry of {@code more} (already-written variables, e.g. a test's overrides). */
  public EnvBuilder putAll(Map<String, String> more) {
    env.putAll(more);
    return this;
  }

  /** A copy of the environment built so far. */
  public Map<String, String> build() {
    return new HashMap<>(env);
  }
}

package io.spike.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One environment variable: its name, default, parser, readers, help, whether its value is secret,
 * and the upstream SPIKE names accepted for it. Declared once, in {@link Settings}.
 *
 * @param name the variable, e.g. {@code SPIKE_NEXUS_TLS_PORT}
 * @param parser reads and writes the value
 * @param defaultValue the value when the variable is unset or blank; empty when there is none or it
 *     is computed by the reader (then {@code defaultText} says how)
 * @param defaultText the default as the reference shows it ({@code ""}: no default)
 * @param readers the components that read it
 * @param help one line: what it is for
 * @param secret the value is never shown (messages, logs, reference)
 * @param aliases upstream SPIKE names read when {@code name} is unset
 * @param <T> the value type
 */
public record Setting<T>(
    String name,
    Parser<T> parser,
    Optional<T> defaultValue,
    String defaultText,
    Set<Component> readers,
    String help,
    boolean secret,
    List<String> aliases) {

  public Setting {
    Objects.requireNonNull(name, "name");
    if (!name.matches("(SPIKE|SPIFFE)_[A-Z0-9_]+")) {
      throw new IllegalArgumentException("not a setting name: " + name);
    }
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(defaultText, "defaultText");
    readers = Set.copyOf(readers);
    if (readers.isEmpty() || help.isBlank()) {
      throw new IllegalArgumentException(name + " needs readers and help");
    }
    aliases = List.copyOf(aliases);
  }

  /** Starts a declaration. */
  static <T> Builder<T> of(String name, Parser<T> parser) {
    return new Builder<>(name, parser);
  }

  /**
   * Parses {@code text} (trimmed, not blank).
   *
   * @throws SettingException naming this variable, the problem and the expected form
   */
  public T parse(String text) {
    try {
      return parser.read().apply(text);
    } catch (IllegalArgumentException e) {
      throw SettingException.invalid(this, text, e.getMessage());
    }
  }

  /** The text a launcher writes for {@code value}. */
  public String format(T value) {
    return parser.write().apply(Objects.requireNonNull(value, name));
  }

  /** A refusal of this setting's value for a reason the parser cannot see (e.g. out of range). */
  public SettingException refuse(String problem) {
    return new SettingException(name + " " + problem + "; expected " + parser.expected());
  }

  /** The declaration steps of {@link Settings}. */
  static final class Builder<T> {
    private final String name;
    private final Parser<T> parser;
    private Optional<T> defaultValue = Optional.empty();
    private String defaultText = "";
    private final Set<Component> readers = EnumSet.noneOf(Component.class);
    private boolean secret;
    private List<String> aliases = List.of();

    private Builder(String name, Parser<T> parser) {
      this.name = name;
      this.parser = parser;
    }

    Builder<T> byDefault(T value) {
      defaultValue = Optional.of(value);
      defaultText = parser.write().apply(value);
      return this;
    }

    /** A default the reader computes; {@code text} tells the reference how. */
    Builder<T> computedDefault(String text) {
      defaultText = text;
      return this;
    }

    Builder<T> readBy(Component... components) {
      readers.addAll(List.of(components));
      return this;
    }

    Builder<T> secret() {
      secret = true;
      return this;
    }

    Builder<T> alias(String... upstream) {
      aliases = List.of(upstream);
      return this;
    }

    Setting<T> help(String help) {
      return new Setting<>(name, parser, defaultValue, defaultText, readers, help, secret, aliases);
    }
  }
}

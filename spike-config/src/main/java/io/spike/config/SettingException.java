package io.spike.config;

/**
 * A setting holds a value that cannot be used. The message names the variable, says what is wrong
 * with the value and what form is expected; it never carries the value of a {@linkplain
 * Setting#secret() secret} setting. Start-up code prints the message and exits.
 */
public final class SettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_CHARS = 60;

  /** A message that already names the variable(s) (e.g. two settings that disagree). */
  public SettingException(String message) {
    super(message);
  }

  /**
   * {@code <NAME> <problem>, not '<value>'; expected <form>}, without the value for a secret
   * setting.
   */
  static SettingException invalid(Setting<?> setting, String value, String problem) {
    StringBuilder m = new StringBuilder(setting.name()).append(' ').append(problem);
    if (!setting.secret() && value != null) {
      String shown = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
      m.append(", not '").append(shown).append('\'');
    }
    m.append("; expected ").append(setting.parser().expected());
    return new SettingException(m.toString());
  }
}

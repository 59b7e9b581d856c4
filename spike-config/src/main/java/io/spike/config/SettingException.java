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

  /** {@code <NAME>='<value>' <problem>; expected <form>}; a secret setting's value is not shown. */
  static SettingException invalid(Setting<?> setting, String value, String problem) {
    StringBuilder m = new StringBuilder(setting.name());
    if (setting.secret()) {
      m.append(" (value not shown)");
    } else {
      String shown = value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "..." : value;
      m.append("='").append(shown).append('\'');
    }
    m.append(' ').append(problem).append("; expected ").append(setting.parser().expected());
    return new SettingException(m.toString());
  }
}

package io.spike.config;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Generates {@code docs/ENVIRONMENT.md} from {@link Settings#ALL}. A test compares the committed
 * file with {@link #markdown()}; {@code -Dspike.docs.write=true} on that test rewrites it.
 */
public final class SettingsReference {

  private SettingsReference() {}

  /** The whole reference, ending in one newline. */
  public static String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Environment reference\n\n")
        .append(
            "<!-- Generated from io.spike.config.Settings; do not edit by hand. Regenerate with:\n")
        .append(
            "     ./mvnw -B -o -q -pl spike-config test -Dtest=SettingsReferenceTest -Dspike.docs.write=true -->\n\n")
        .append("Every variable spike-java reads, declared once in `io.spike.config.Settings`.\n")
        .append("Blank counts as unset. A bad value stops the program at start with one message\n")
        .append(
            "naming the variable, the problem and the expected form (never a secret value).\n\n")
        .append("| Variable | Read by | Default | Expected | Meaning |\n")
        .append("|---|---|---|---|---|\n");
    for (Setting<?> s : Settings.ALL) {
      md.append("| `").append(s.name()).append('`');
      if (s.secret()) {
        md.append(" (secret)");
      }
      md.append(" | ")
          .append(readers(s))
          .append(" | ")
          .append(s.defaultText().isEmpty() ? "none" : "`" + s.defaultText() + "`")
          .append(" | ")
          .append(cell(s.parser().expected()))
          .append(" | ")
          .append(cell(s.help()))
          .append(" |\n");
    }
    md.append("\n## Upstream SPIKE names\n\n")
        .append(
            "A deployment of upstream SPIKE (github.com/spiffe/spike) carries over: the names\n")
        .append("below are the same upstream, or accepted as aliases. When an alias and our name\n")
        .append("are both set, ours wins and one warning names both (never the values).\n")
        .append("Upstream's `:8553` port form is accepted for the port settings.\n\n")
        .append("| Upstream name | Read as |\n|---|---|\n");
    for (Setting<?> s : Settings.ALL) {
      for (String alias : s.aliases()) {
        md.append("| `").append(alias).append("` | `").append(s.name()).append("` (alias) |\n");
      }
    }
    for (Setting<?> same : Settings.UPSTREAM_SAME_NAME) {
      md.append("| `").append(same.name()).append("` | same name");
      if (same == Settings.BACKEND_STORE) {
        md.append(" (upstream's `lite` has no equivalent)");
      }
      md.append(" |\n");
    }
    md.append("\nUpstream variables with no equivalent here (not read):\n\n");
    Settings.UPSTREAM_UNSUPPORTED.forEach(
        (reason, names) ->
            md.append("- `")
                .append(String.join("`, `", names))
                .append("`: ")
                .append(reason)
                .append(".\n"));
    return md.toString();
  }

  private static String readers(Setting<?> s) {
    return s.readers().stream()
        .sorted()
        .map(c -> c.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  /**
   * A table cell: pipes escaped, and example addresses ({@code https://…}, {@code unix://…}) set as
   * code so that no renderer turns them into links leaving the repository.
   */
  private static String cell(String text) {
    return URL.matcher(text.replace("|", "\\|")).replaceAll("`$0`");
  }

  private static final Pattern URL = Pattern.compile("[a-z]+://[^\\s`|]+");
}

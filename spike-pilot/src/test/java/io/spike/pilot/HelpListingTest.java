package io.spike.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every line a command shows in its parent's {@code --help} list of subcommands is a complete
 * phrase: picocli shows only the first description line there, so that line must stand alone.
 */
class HelpListingTest {
  private static final Set<String> DANGLING =
      Set.of(
          "a", "an", "and", "as", "at", "but", "by", "can", "for", "from", "in", "into", "is", "of",
          "on", "or", "so", "still", "that", "the", "then", "to", "under", "when", "with");

  private static final Pattern LAST_WORD = Pattern.compile("([A-Za-z]+)\\W*$");

  @Test
  void everySubcommandListing_isACompletePhrase() {
    List<CommandLine> all = new ArrayList<>();
    CliReference.collect(CliReferenceTest.tree(), all);
    assertThat(all).hasSizeGreaterThan(40);

    for (CommandLine cl : all) {
      for (CommandLine sub : cl.getSubcommands().values()) {
        CommandSpec spec = sub.getCommandSpec();
        String line = CliReference.listing(spec);
        String where = spec.qualifiedName() + ": '" + line + "'";
        assertThat(line).as(where).isNotBlank().endsWith(".");
        assertThat(balanced(line)).as(where + " has unbalanced brackets or quotes").isTrue();
        Matcher last = LAST_WORD.matcher(line);
        assertThat(last.find() && !DANGLING.contains(last.group(1).toLowerCase()))
            .as(where + " ends on a dangling word")
            .isTrue();
        assertThat(shown(cl, spec.name())).as(where + " as --help lists it").isEqualTo(line);
      }
    }
  }

  @Test
  void theCheck_catchesTheOldOperatorLine() {
    assertThat(balanced("Break-glass recovery: recover (write shards), restore (feed them"))
        .isFalse();
    assertThat(balanced("Decrypt a document written by 'spike cipher encrypt'.")).isTrue();
    assertThat(balanced("Encrypt bytes under Nexus's current data key.")).isTrue();
  }

  /** Brackets nest and close; quotes (not apostrophes inside a word) come in pairs. */
  static boolean balanced(String s) {
    StringBuilder open = new StringBuilder();
    int quotes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '(', '[', '{' -> open.append(c);
        case ')', ']', '}' -> {
          char want = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.charAt(open.length() - 1) != want) {
            return false;
          }
          open.setLength(open.length() - 1);
        }
        case '"' -> quotes++;
        case '\'' -> {
          boolean apostrophe =
              i > 0
                  && Character.isLetter(s.charAt(i - 1))
                  && i + 1 < s.length()
                  && Character.isLetter(s.charAt(i + 1));
          if (!apostrophe) {
            quotes++;
          }
        }
        default -> {}
      }
    }
    return open.isEmpty() && quotes % 2 == 0;
  }

  /** The text the parent's {@code --help} shows for {@code name}, its wrapped lines joined. */
  private static String shown(CommandLine parent, String name) {
    String[] lines = parent.getHelp().commandList().replace("\r", "").split("\n");
    StringBuilder text = new StringBuilder();
    boolean in = false;
    for (String l : lines) {
      String trimmed = l.strip();
      if (trimmed.startsWith(name + " ") && l.startsWith("  " + name)) {
        in = true;
        text.append(trimmed.substring(name.length()).strip());
      } else if (in && l.startsWith("   ") && !l.strip().isEmpty() && !isEntry(parent, l)) {
        text.append(' ').append(trimmed);
      } else {
        in = false;
      }
    }
    return text.toString();
  }

  private static boolean isEntry(CommandLine parent, String line) {
    return parent.getSubcommands().keySet().stream().anyMatch(n -> line.startsWith("  " + n + " "));
  }
}

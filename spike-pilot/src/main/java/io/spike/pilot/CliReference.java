package io.spike.pilot;

import io.spike.pilot.cli.FailureHandler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Renders {@code docs/CLI.md}, the reference of every {@code spike} command, from the picocli model
 * itself: each command's path, description and synopsis, every parameter and option with its
 * description, default and arity, and the exit codes of {@link FailureHandler}. {@code
 * CliReferenceTest} fails when the committed file differs from what this renders.
 */
final class CliReference {
  /** How to regenerate the file; printed in it and in the test's failure message. */
  static final String REGENERATE =
      "./mvnw -B -o -q -pl spike-pilot -am test -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dtest=CliReferenceTest -Dspike.docs.write=true";

  private static final Pattern URL =
      Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s)'\"]*[^\\s)'\".,;]");

  private CliReference() {}

  /** The Markdown reference of the command tree under {@code root}. */
  static String markdown(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    StringBuilder b = new StringBuilder();
    b.append("# `spike` command reference\n\n")
        .append("Generated from the picocli model of the `spike` CLI (`CliReference` in")
        .append(" spike-pilot); do not edit by hand. Regenerate with:\n\n")
        .append("```\n")
        .append(REGENERATE)
        .append("\n```\n\n");
    exitCodes(b);
    b.append("## Commands\n\n");
    for (CommandLine cl : all) {
      CommandSpec spec = cl.getCommandSpec();
      b.append("- `")
          .append(spec.qualifiedName())
          .append("`: ")
          .append(text(listing(spec)))
          .append('\n');
    }
    b.append('\n');
    for (CommandLine cl : all) {
      command(b, cl.getCommandSpec());
    }
    return b.toString();
  }

  /** The line picocli shows for a command in its parent's list of subcommands. */
  static String listing(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    String[] lines = header.length > 0 ? header : spec.usageMessage().description();
    return lines.length == 0 ? "" : lines[0];
  }

  /** Every visible command, depth first in declaration order; an alias counts once. */
  static void collect(CommandLine cl, List<CommandLine> into) {
    if (cl.getCommandSpec().usageMessage().hidden() || into.contains(cl)) {
      return;
    }
    into.add(cl);
    for (CommandLine sub : cl.getSubcommands().values()) {
      collect(sub, into);
    }
  }

  private static void exitCodes(StringBuilder b) {
    b.append("## Exit codes\n\n")
        .append("Every command exits with one of these codes; a failure is one line on stderr")
        .append(" starting `spike: ` (with a stack trace only when `SPIKE_DEBUG=1`).\n\n")
        .append("| code | meaning |\n| --- | --- |\n")
        .append("| ")
        .append(CommandLine.ExitCode.OK)
        .append(" | success, including `--help` and `--version` |\n")
        .append("| ")
        .append(FailureHandler.FAILED)
        .append(" | the operation was refused or failed (Nexus's answer, identity, I/O, a check")
        .append(" that did not pass) |\n")
        .append("| ")
        .append(FailureHandler.USAGE)
        .append(" | bad usage: an unknown command or option, a missing or malformed argument,")
        .append(" an invalid secret path or policy name |\n\n");
  }

  private static void command(StringBuilder b, CommandSpec spec) {
    b.append("## `").append(spec.qualifiedName()).append("`\n\n");
    for (String line : spec.usageMessage().description()) {
      b.append(text(line)).append('\n');
    }
    String synopsis = new Help(spec, Help.defaultColorScheme(Ansi.OFF)).synopsis(0).stripTrailing();
    b.append("\n```\n").append(synopsis).append("\n```\n\n");
    Collection<CommandLine> subs = new ArrayList<>();
    for (CommandLine sub : spec.subcommands().values()) {
      if (!subs.contains(sub) && !sub.getCommandSpec().usageMessage().hidden()) {
        subs.add(sub);
      }
    }
    if (!subs.isEmpty()) {
      b.append("Subcommands:");
      String sep = " ";
      for (CommandLine sub : subs) {
        b.append(sep).append('`').append(sub.getCommandSpec().qualifiedName()).append('`');
        sep = ", ";
      }
      b.append(".\n\n");
    }
    List<PositionalParamSpec> params =
        spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    if (!params.isEmpty()) {
      b.append("| parameter | description | default | arity |\n| --- | --- | --- | --- |\n");
      for (PositionalParamSpec p : params) {
        row(b, p.paramLabel(), p);
      }
      b.append('\n');
    }
    List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden()).toList();
    if (!options.isEmpty()) {
      b.append("| option | description | default | arity |\n| --- | --- | --- | --- |\n");
      for (OptionSpec o : options) {
        String names = String.join(", ", o.names());
        row(b, o.arity().max() == 0 ? names : names + " " + o.paramLabel(), o);
      }
      b.append('\n');
    }
  }

  private static void row(StringBuilder b, String name, ArgSpec arg) {
    String dflt = defaultOf(arg);
    String description =
        String.join(" ", arg.description())
            .replace("${DEFAULT-VALUE}", dflt.isEmpty() ? "none" : dflt);
    b.append("| `")
        .append(cell(name))
        .append("` | ")
        .append(cell(text(description)))
        .append(" | ")
        .append(dflt.isEmpty() ? "" : "`" + cell(dflt) + "`")
        .append(" | `")
        .append(arg.arity())
        .append("` |\n");
  }

  /** The default: the declared one, else the field's initial value; empty when there is none. */
  private static String defaultOf(ArgSpec arg) {
    if (arg.defaultValue() != null) {
      return arg.defaultValue();
    }
    Object initial = arg.hasInitialValue() ? arg.initialValue() : null;
    if (initial == null || initial instanceof Collection<?> c && c.isEmpty()) {
      return "";
    }
    return String.valueOf(initial);
  }

  /** Description text for Markdown: no HTML tags or emphasis; an address is code, never a link. */
  private static String text(String s) {
    String plain = s.replace("%n", " ").replace("%%", "%");
    Matcher m = URL.matcher(plain);
    StringBuilder b = new StringBuilder();
    int from = 0;
    while (m.find()) {
      b.append(escape(plain.substring(from, m.start()))).append('`').append(m.group()).append('`');
      from = m.end();
    }
    return b.append(escape(plain.substring(from))).toString();
  }

  private static String escape(String s) {
    return s.replace("<", "\\<").replace(">", "\\>").replace("*", "\\*");
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }
}

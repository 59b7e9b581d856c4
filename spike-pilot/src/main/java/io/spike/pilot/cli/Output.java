package io.spike.pilot.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.spike.api.Json;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Writes a command's result in the chosen format: the human text the command composes, or its data
 * model (usually a wire record) as pretty JSON or YAML, map keys sorted so output is stable. Every
 * rendering ends with a newline.
 */
public final class Output {
  private static final ObjectWriter JSON =
      Json.mapper()
          .writer()
          .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .withDefaultPrettyPrinter();
  private static final ObjectWriter YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .setDefaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .writer()
          .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final PrintStream out;
  private final OutputFormat format;

  public Output(PrintStream out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  /**
   * The output of the command {@code spec} belongs to, in the format its root command chose with
   * {@code -f}.
   */
  public static Output of(CommandSpec spec, PrintStream out) {
    Object root = spec == null ? null : spec.root().userObject();
    OutputFormat format =
        root instanceof OutputChoice ? ((OutputChoice) root).format() : OutputFormat.HUMAN;
    return new Output(out, format);
  }

  /** Whether the output is for people (not JSON or YAML). */
  public boolean human() {
    return format == OutputFormat.HUMAN;
  }

  public OutputFormat format() {
    return format;
  }

  /** Prints {@code model} as JSON or YAML, or the text {@code human} gives for people. */
  public void show(Object model, Supplier<String> human) {
    out.print(render(format, model, human));
    out.flush();
  }

  /** The text {@link #show} prints. */
  public static String render(OutputFormat format, Object model, Supplier<String> human) {
    String text;
    try {
      switch (format) {
        case JSON:
          text = JSON.writeValueAsString(model);
          break;
        case YAML:
          text = YAML.writeValueAsString(model);
          break;
        default:
          text = human.get();
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot render the result as " + format, e);
    }
    return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
  }
}

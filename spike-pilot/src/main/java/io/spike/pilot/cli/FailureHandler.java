package io.spike.pilot.cli;

import io.spike.api.Names;
import io.spike.config.SettingException;
import io.spike.identity.IdentityException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's single error exit: prints exactly one line {@code spike: ...} on stderr and chooses the
 * exit code: {@value #USAGE} for bad usage (picocli parameter errors, {@link UsageException}, a
 * path or name {@link Names} refuses), {@value #FAILED} for anything that failed or was refused.
 * Stack traces only with {@code SPIKE_DEBUG=1}.
 */
public final class FailureHandler
    implements IExecutionExceptionHandler, IParameterExceptionHandler {
  /** Exit code of a refused or failed operation. */
  public static final int FAILED = 1;

  /** Exit code of bad usage. */
  public static final int USAGE = 2;

  private final CliContext ctx;

  public FailureHandler(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String help = e.getCommandLine().getCommandSpec().qualifiedName();
    return report(
        e, ErrorMessages.oneLine(e.getMessage(), 300) + "; see '" + help + " --help'", USAGE);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    if (e instanceof ParameterException) {
      return handleParseException(
          (ParameterException) e, parsed.originalArgs().toArray(new String[0]));
    }
    if (e instanceof UsageException || e instanceof SettingException) {
      return report(e, e.getMessage(), USAGE);
    }
    if (e instanceof Names.InvalidNameException) {
      return report(e, "not a valid secret path or policy name: " + e.getMessage(), USAGE);
    }
    if (e instanceof picocli.CommandLine.TypeConversionException) {
      return report(e, e.getMessage(), USAGE);
    }
    if (e instanceof CliFailure) {
      return report(e, e.getMessage(), FAILED);
    }
    if (e instanceof IdentityException) {
      return report(e, "SPIFFE identity: " + e.getMessage(), FAILED);
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return report(e, "I/O failed: " + e.getMessage(), FAILED);
    }
    return report(
        e,
        "internal error ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + "); rerun with SPIKE_DEBUG=1 for details",
        FAILED);
  }

  private int report(Exception e, String message, int code) {
    ctx.err().println("spike: " + ErrorMessages.oneLine(String.valueOf(message), 1000));
    if (ctx.debug()) {
      e.printStackTrace(ctx.err());
    }
    ctx.err().flush();
    return code;
  }
}

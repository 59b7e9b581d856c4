package io.spike.pilot.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds command objects by constructor injection: a command class with a {@code (CliContext)}
 * constructor gets the run's context; anything else is left to picocli's default factory.
 */
public final class CommandFactory implements CommandLine.IFactory {
  private final CliContext ctx;

  public CommandFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = cls.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
    withContext.setAccessible(true);
    return withContext.newInstance(ctx);
  }
}

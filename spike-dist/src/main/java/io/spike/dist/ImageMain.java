package io.spike.dist;

import io.spike.keeper.KeeperMain;
import io.spike.nexus.NexusMain;
import io.spike.pilot.BootstrapMain;
import io.spike.pilot.SpikeCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The entry point of the container image {@code spike-java/spike}: its first argument picks the
 * component, the rest goes to that component's {@code main} unchanged ({@code nexus}, {@code
 * keeper}, {@code bootstrap}, or {@code spike <cli arguments...>}). Anything else prints one usage
 * line on stderr and exits with code 2.
 *
 * <p>The image has no shell, so this class stands in for the four launchers of {@code bin/}: each
 * component reads its configuration from the environment exactly as it does there. A component that
 * serves (Nexus, keeper) returns from its {@code main} while its server threads keep the JVM
 * running; the others end the JVM with their own exit code.
 */
public final class ImageMain {
  static final String USAGE =
      "usage: spike-java/spike nexus | keeper | bootstrap | spike [cli arguments...]";

  /** The components by the word that picks them. */
  static final Map<String, Consumer<String[]>> COMPONENTS =
      Map.of(
          "nexus", NexusMain::main,
          "keeper", KeeperMain::main,
          "bootstrap", BootstrapMain::main,
          "spike", SpikeCli::main);

  private final Map<String, Consumer<String[]>> components;
  private final PrintStream err;

  ImageMain(Map<String, Consumer<String[]>> components, PrintStream err) {
    this.components = Map.copyOf(components);
    this.err = err;
  }

  public static void main(String[] args) {
    int exit = new ImageMain(COMPONENTS, System.err).run(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs the component {@code args[0]} names with the remaining arguments and returns 0, or prints
   * the usage line and returns 2 when there is no such component.
   */
  int run(String[] args) {
    Consumer<String[]> component = args.length == 0 ? null : components.get(args[0]);
    if (component == null) {
      err.println(USAGE);
      return 2;
    }
    component.accept(Arrays.copyOfRange(args, 1, args.length));
    return 0;
  }
}

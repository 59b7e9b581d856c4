package io.spike.pilot.cli;

/**
 * A mixin whose argument has local rules (a secret path Nexus would refuse, ...): {@link
 * NexusCommand} checks every such mixin of a command before anything else, so bad usage never
 * touches the network or the identity.
 */
public interface CheckedArgument {
  /** Throws {@link UsageException} saying what is wrong with the argument, if anything. */
  void check();
}

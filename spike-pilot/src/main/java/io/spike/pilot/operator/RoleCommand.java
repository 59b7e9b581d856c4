package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.identity.Role;
import io.spike.pilot.cli.NexusCommand;
import java.util.Objects;
import java.util.Optional;

/**
 * A Nexus command that needs one pilot identity: a 401 answer names that identity ({@link
 * OperatorErrors#explain}); the command may give its own line for other refusals.
 */
public abstract class RoleCommand extends NexusCommand {
  private final String refusedAttempt;
  private final Role role;

  /**
   * {@code refusedAttempt} is what a 401 says the caller was not let do; {@code role} the identity
   * the command needs.
   */
  protected RoleCommand(String refusedAttempt, Role role) {
    this.refusedAttempt = Objects.requireNonNull(refusedAttempt, "refusedAttempt");
    this.role = Objects.requireNonNull(role, "role");
  }

  /** By default what a 401 names, {@code refusedAttempt}. */
  @Override
  protected String attempt() {
    return refusedAttempt;
  }

  /** The command's line for an error answer other than a 401; null for the generic message. */
  protected String refusal(ApiException e) {
    return null;
  }

  @Override
  protected final Optional<String> explain(ApiException e, String caller) {
    return OperatorErrors.explain(e, caller, refusedAttempt, role, refusal(e));
  }
}

package io.spike.pilot.operator;

import io.spike.api.ApiException;
import io.spike.api.ErrorCode;
import io.spike.identity.Role;
import io.spike.pilot.cli.ErrorMessages;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-line messages of the operator routes' refusals. Operator routes answer only one exact
 * role, so a 401 names the identity to use instead of a policy to ask for; other codes keep Nexus's
 * own explanation (never secret: it names shard ids, not values) and say what to do next.
 */
public final class OperatorErrors {
  private OperatorErrors() {}

  /** The dev shell command that takes the identity of {@code role}. */
  public static String devHint(Role role) {
    return "eval \"$(./spike dev env --role " + role.name().toLowerCase(Locale.ROOT) + ")\"";
  }

  /**
   * An operator command's line for an error answer: a 401 names the identity {@code role} that
   * {@code attempt} needs; any other code gets {@code otherwise} (the command's line for that code,
   * null for the generic message).
   */
  public static Optional<String> explain(
      ApiException e, String caller, String attempt, Role role, String otherwise) {
    return e.code() == ErrorCode.UNAUTHORIZED
        ? Optional.of(unauthorized(e, caller, attempt, role))
        : Optional.ofNullable(otherwise);
  }

  /** A 401: {@code caller} lacks {@code role} (or, with a detail, Nexus says why). */
  public static String unauthorized(ApiException e, String caller, String attempt, Role role) {
    return e.code().wire()
        + ": Nexus refused to let "
        + caller
        + " "
        + attempt
        + ErrorMessages.serverDetail(e)
        + "; this needs the pilot "
        + role.name().toLowerCase(Locale.ROOT)
        + " identity (spiffe://<trust domain>"
        + role.path()
        + "; dev: "
        + devHint(role)
        + ")";
  }

  /** A 429: too many attempts from this identity. */
  public static String rateLimited(ApiException e, String attempt) {
    return e.code().wire()
        + ": Nexus is limiting attempts to "
        + attempt
        + ErrorMessages.serverDetail(e)
        + "; wait and retry";
  }

  /** Any other refusal: the code, Nexus's explanation and {@code whatToDo}. */
  public static String refused(ApiException e, String attempt, String whatToDo) {
    return e.code().wire()
        + ": Nexus refused to "
        + attempt
        + ErrorMessages.serverDetail(e)
        + "; "
        + whatToDo;
  }
}

package io.spike.nexus.operator;

import io.spike.api.wire.PasswordRequest;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import java.util.Arrays;

/**
 * {@code /v1/operator/escrow}: {@code {password}} → {@code {}}, superuser only, unsealed only (503
 * while sealed): stores the root key wrapped under the password ({@link Escrow#enable}); a password
 * shorter than {@value Escrow#MIN_PASSWORD_CHARS} characters is 400. The password's {@code char[]}
 * copy is zeroed after use.
 */
public final class EscrowRoute implements Route<PasswordRequest> {
  private final Escrow escrow;
  private final Guard<PasswordRequest> guard;

  public EscrowRoute(Escrow escrow, String trustDomain) {
    this.escrow = escrow;
    this.guard = Guard.role(Role.SUPERUSER, trustDomain);
  }

  @Override
  public Class<PasswordRequest> requestType() {
    return PasswordRequest.class;
  }

  @Override
  public Guard<PasswordRequest> guard() {
    return guard;
  }

  @Override
  public Reply handle(SpiffeId caller, PasswordRequest request) {
    if (request.password() == null) {
      throw Refusal.invalid("password is required");
    }
    char[] password = request.password().toCharArray();
    try {
      escrow.enable(password);
      return Reply.EMPTY;
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}

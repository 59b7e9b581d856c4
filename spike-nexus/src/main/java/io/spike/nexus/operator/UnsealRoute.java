package io.spike.nexus.operator;

import io.spike.api.wire.PasswordRequest;
import io.spike.api.wire.UnsealResponse;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.nexus.refusal.Refusal;
import io.spike.server.pipeline.Guard;
import io.spike.server.pipeline.Reply;
import io.spike.server.pipeline.Route;
import java.util.Arrays;

/**
 * {@code /v1/operator/unseal}: {@code {password}} → {@code {restored:true}}, for the pilot-restore
 * role only, while sealed: unseals from the password escrow ({@link Escrow#unseal}; 409 unsealed,
 * 404 no escrow, 401 wrong password, 429 while backing off). Rate limited per caller together with
 * restore. The password is copied into a {@code char[]} that is zeroed after use; the JSON string
 * it came in cannot be, but the request body bytes are.
 */
public final class UnsealRoute implements Route<PasswordRequest> {
  private final Escrow escrow;
  private final OperatorRateLimit limit;
  private final Guard<PasswordRequest> guard;

  public UnsealRoute(Escrow escrow, OperatorRateLimit limit, String trustDomain) {
    this.escrow = escrow;
    this.limit = limit;
    this.guard = Guard.role(Role.RESTORE, trustDomain);
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
  public boolean servesWhileSealed() {
    return true;
  }

  @Override
  public Reply handle(SpiffeId caller, PasswordRequest request) {
    limit.check(caller);
    if (request.password() == null || request.password().isEmpty()) {
      throw Refusal.invalid("password is required");
    }
    char[] password = request.password().toCharArray();
    try {
      escrow.unseal(password);
      return Reply.json(new UnsealResponse(true));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}

package io.spike.pilot.cli;

import io.spike.api.NexusClient;
import io.spike.api.wire.StatusResponse;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code spike status}: what Nexus says of itself (seal state, keepers, restore progress while
 * shards are being collected, backend, last backup, audit anchor).
 */
@Command(
    name = "status",
    description = "Show Nexus's seal state, Shamir parameters, keepers, backend and last backup.")
public final class StatusCommand extends NexusCommand {

  @Override
  protected String attempt() {
    return "report its status";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    StatusResponse status = nexus.status();
    out.show(status, () -> human(status));
  }

  /** The human form of a status answer. */
  static String human(StatusResponse s) {
    StringBuilder b = new StringBuilder();
    b.append("state:       ").append(s.state()).append('\n');
    b.append("initialized: ")
        .append(s.initialized() ? "yes" : "no (waiting for bootstrap)")
        .append('\n');
    if (s.details().isEmpty()) {
      b.append("details:     shown to the superuser and the operator roles only\n");
      return b.toString();
    }
    StatusResponse.Details d = s.details().get();
    b.append("shamir:      ")
        .append(d.threshold())
        .append(" of ")
        .append(d.shares())
        .append(" shares\n");
    if (d.restore() != null && (d.restore().collected() > 0 || s.sealed() && s.initialized())) {
      b.append("restore:     ")
          .append(d.restore().collected())
          .append(" of ")
          .append(d.restore().collected() + d.restore().remaining())
          .append(" shards collected\n");
    }
    b.append("backend:     ").append(d.backend()).append('\n');
    b.append("last backup: ")
        .append(d.lastBackup().map(Object::toString).orElse("never"))
        .append('\n');
    d.audit()
        .ifPresent(
            a ->
                b.append("audit:       ")
                    .append(a.lines())
                    .append(" lines anchored, last ")
                    .append(a.lastHash())
                    .append('\n'));
    b.append("keepers:");
    if (d.keepers().isEmpty()) {
      b.append("     none\n");
    } else {
      b.append('\n');
      for (StatusResponse.Keeper k : d.keepers()) {
        b.append("  ")
            .append(k.id())
            .append("  ")
            .append(k.url())
            .append("  ")
            .append(k.reachable() ? "reachable" : "unreachable")
            .append(k.lastContact().map(t -> "  last contact " + t).orElse(""))
            .append(k.health().map(h -> "  " + h.toUpperCase(Locale.ROOT)).orElse(""))
            .append('\n');
      }
    }
    return b.toString();
  }
}

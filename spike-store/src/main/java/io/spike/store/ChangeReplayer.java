package io.spike.store;

import java.util.Objects;

/** {@link SpikeStore#applyChange}: one change of a log, re-applied through the store's own API. */
final class ChangeReplayer {

  private ChangeReplayer() {}

  static void apply(SpikeStore store, Change change) {
    Objects.requireNonNull(change, "change");
    ChangeBody body = change.decode();
    if (body instanceof ChangeBody.SecretWritten w) {
      if (!store.writeSecret(w.write())) {
        throw refused(
            store,
            change,
            "secret '" + w.write().path() + "' is not at revision " + w.write().expectedRevision());
      }
    } else if (body instanceof ChangeBody.PolicyPut p) {
      store.putPolicy(p.policy());
    } else if (body instanceof ChangeBody.PolicyDeleted d) {
      if (!store.deletePolicy(d.name())) {
        throw refused(store, change, "policy '" + d.name() + "' does not exist");
      }
    } else if (body instanceof ChangeBody.SystemUpdated u) {
      store.updateSystem(u.puts(), u.removals());
    } else {
      store.wipe(); // ChangeBody.Wiped, the last of the sealed kinds
    }
  }

  private static StoreException refused(SpikeStore store, Change change, String why) {
    return new StoreException(
        store.backend()
            + " store: change "
            + change.seq()
            + " ("
            + change.kind()
            + ") does not apply: "
            + why);
  }
}

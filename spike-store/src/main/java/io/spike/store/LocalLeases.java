package io.spike.store;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Leases held in this process: the backends whose store only one process uses. */
final class LocalLeases {

  private final Set<String> held = ConcurrentHashMap.newKeySet();

  Optional<StoreLease> tryLease(String name) {
    Checks.key(name, "name");
    return held.add(name) ? Optional.of(new Lease(name)) : Optional.empty();
  }

  private final class Lease implements StoreLease {
    private final String name;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Lease(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean held() {
      return open.get();
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        held.remove(name);
      }
    }

    @Override
    public String toString() {
      return "StoreLease[" + name + "]";
    }
  }
}

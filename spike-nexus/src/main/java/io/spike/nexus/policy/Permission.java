package io.spike.nexus.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a policy may grant; {@link #SUPER} implies every other one. */
public enum Permission {
  READ,
  WRITE,
  LIST,
  EXECUTE,
  SUPER;

  /** The wire name: {@code read}, {@code write}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The permission with this wire name, if any. */
  public static Optional<Permission> fromWire(String wire) {
    return Arrays.stream(values()).filter(p -> p.wire().equals(wire)).findFirst();
  }
}

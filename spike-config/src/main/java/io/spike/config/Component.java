package io.spike.config;

/** The programs that read settings; each {@link Setting} lists the ones that read it. */
public enum Component {
  /** The secrets server ({@code bin/nexus}). */
  NEXUS,
  /** A shard holder ({@code bin/keeper}). */
  KEEPER,
  /** The one-shot seeding job ({@code bin/bootstrap}). */
  BOOTSTRAP,
  /** The {@code spike} command line (operator and secret commands). */
  CLI,
  /** {@code spike dev}, {@code spike drill} and the launcher scripts. */
  DEV
}

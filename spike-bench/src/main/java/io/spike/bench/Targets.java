package io.spike.bench;

import java.util.Locale;

/**
 * Issue 13's targets and their verdict cells ({@code met ...} or {@code MISSED ...}): reported in
 * BENCHMARKS.md, never asserted.
 */
final class Targets {
  static final double GET_RATIO = 0.8;
  static final double PUT_RATIO = 1.0;
  static final double PUT_ONE_CLIENT_SLACK_MS = 0.15;
  static final double SAVE_RATIO = 2.0;
  static final double RESTORE_RATIO = 3.0;
  static final double CLI_SECONDS = 0.35;
  static final double CLI_RATIO = 6.0;
  static final double KEEPER_MIB = 48;
  static final double NEXUS_IDLE_MIB = 128;
  static final double NEXUS_LOADED_MIB = 256;

  private Targets() {}

  static String verdict(boolean met, String target) {
    return (met ? "met " : "MISSED ") + target;
  }

  /** Get: at least {@link #GET_RATIO} of the bare endpoint at 8 clients and more. */
  static String get(int clients, double ratio) {
    return clients < 8 ? "(at 8 and 64 clients)" : verdict(ratio >= GET_RATIO, ">= " + GET_RATIO);
  }

  /**
   * Put: at 1 client, a p50 within {@link #PUT_ONE_CLIENT_SLACK_MS} of the bare round trip's p50
   * plus the bare commit's p50 ({@code bareRoundTripP50} null when the run has no such figure); at
   * 8 clients and more, at least {@link #PUT_RATIO} of the bare commit loop.
   */
  static String put(
      int clients, double ratio, double p50, double bareCommitP50, Double bareRoundTripP50) {
    if (clients >= 8) {
      return verdict(ratio >= PUT_RATIO, ">= " + PUT_RATIO);
    }
    if (clients != 1) {
      return "(at 1, 8 and 64 clients)";
    }
    if (bareRoundTripP50 == null) {
      return "ERROR: no bare round trip at 1 client";
    }
    double limit = bareRoundTripP50 + bareCommitP50 + PUT_ONE_CLIENT_SLACK_MS;
    return verdict(
        p50 <= limit,
        String.format(
            Locale.ROOT,
            "p50 <= %.3f ms (bare round trip %.3f + bare commit %.3f + %.2f)",
            limit,
            bareRoundTripP50,
            bareCommitP50,
            PUT_ONE_CLIENT_SLACK_MS));
  }

  /**
   * Snapshot at 1M secrets: save within {@link #SAVE_RATIO}, restore within {@link #RESTORE_RATIO}
   * of the copy.
   */
  static String snapshot(int secrets, double saveRatio, double restoreRatio) {
    if (secrets < 1_000_000) {
      return "(at 1M only)";
    }
    return verdict(saveRatio <= SAVE_RATIO, "save <= " + SAVE_RATIO + "x")
        + "; "
        + verdict(restoreRatio <= RESTORE_RATIO, "restore <= " + RESTORE_RATIO + "x");
  }

  /**
   * CLI {@code secret get}: a median within {@link #CLI_SECONDS} and {@link #CLI_RATIO}x a bare
   * JVM.
   */
  static String cli(Double medianSeconds, Double ratioToBareJvm) {
    if (medianSeconds == null || ratioToBareJvm == null) {
      return "ERROR: no successful call";
    }
    return verdict(medianSeconds <= CLI_SECONDS, "<= " + CLI_SECONDS + " s")
        + "; "
        + verdict(ratioToBareJvm <= CLI_RATIO, "<= " + CLI_RATIO + "x");
  }

  /** Resident size (RSS): keepers within {@link #KEEPER_MIB}, Nexus idle or after load. */
  static String resident(boolean nexus, boolean loaded, double rssMiB) {
    double limit = !nexus ? KEEPER_MIB : loaded ? NEXUS_LOADED_MIB : NEXUS_IDLE_MIB;
    return verdict(rssMiB <= limit, "<= " + (long) limit + " MiB");
  }
}

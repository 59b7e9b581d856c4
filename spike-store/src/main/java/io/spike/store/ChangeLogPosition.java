package io.spike.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a store's change log stands: the id of the log and the sequence number of the last change
 * recorded in it (0 when none yet).
 *
 * <p>A log id names one unbroken sequence of changes, numbered from 1. A store makes a random one
 * the first time it is opened, and a new one whenever its contents are replaced wholesale ({@link
 * SpikeStore#importAll}, {@link SpikeStore#replaceAll}), because what follows no longer continues
 * the old sequence. Ids are made of {@code [A-Za-z0-9_-]} (1 to 64 characters), so they can name a
 * folder at a backup target.
 *
 * @param logId the log's id
 * @param lastSeq the last change's sequence number; 0 when the log holds none yet
 */
public record ChangeLogPosition(String logId, long lastSeq) {

  private static final Pattern LOG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  public ChangeLogPosition {
    checkLogId(logId);
    if (lastSeq < 0) {
      throw new IllegalArgumentException("lastSeq must not be negative");
    }
  }

  /** A new random log id: 16 random bytes in lowercase hex. */
  public static String newLogId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  /**
   * Returns {@code logId} when it is a valid log id.
   *
   * @throws IllegalArgumentException when it is not 1 to 64 characters of {@code [A-Za-z0-9_-]}
   */
  public static String checkLogId(String logId) {
    Objects.requireNonNull(logId, "logId");
    if (!LOG_ID.matcher(logId).matches()) {
      throw new IllegalArgumentException("a change log id is 1 to 64 characters of [A-Za-z0-9_-]");
    }
    return logId;
  }
}

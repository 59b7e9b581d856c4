package io.spike.api.wire;

/**
 * One step of {@code spike operator reencrypt}: move the records of up to {@code batch} secret
 * paths (0: the default) to the newest data-key term; with {@code retire}, once a pass is complete
 * and no record is left on an older term, drop the older terms from the keyring.
 */
public record ReencryptRequest(int batch, boolean retire) {
  public static final int DEFAULT_BATCH = 500;
  public static final int MAX_BATCH = 10_000;

  public ReencryptRequest {
    if (batch < 0 || batch > MAX_BATCH) {
      throw new IllegalArgumentException(
          "batch must be 1.." + MAX_BATCH + " (0: " + DEFAULT_BATCH + ")");
    }
  }
}

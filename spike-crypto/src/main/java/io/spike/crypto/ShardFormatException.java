package io.spike.crypto;

/**
 * A recovery shard's text is not in the {@code spike:<id>:<64 lowercase hex>} format.
 *
 * <p>Security promise: the message says what is wrong and never echoes any part of the input.
 */
public final class ShardFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ShardFormatException(String message) {
    super(message);
  }
}

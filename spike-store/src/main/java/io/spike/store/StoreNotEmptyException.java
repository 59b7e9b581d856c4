package io.spike.store;

/**
 * {@link SpikeStore#importAll} was asked to load records into a store that already holds some.
 * Nothing was written.
 */
public class StoreNotEmptyException extends StoreException {

  private static final long serialVersionUID = 1L;

  public StoreNotEmptyException(String message) {
    super(message);
  }
}

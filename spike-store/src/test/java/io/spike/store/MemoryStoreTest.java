package io.spike.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends SpikeStoreContract {

  @Override
  protected SpikeStore newStore(Path tempDir) {
    return Stores.open(new StoreConfig.Memory());
  }

  @Override
  protected String backendName() {
    return "memory";
  }

  @Test
  void eachOpen_isASeparateStore() {
    store.writeSecret(create("p", "ct"));

    try (SpikeStore other = Stores.open(new StoreConfig.Memory())) {
      assertThat(other.isEmpty()).isTrue();
    }
  }
}

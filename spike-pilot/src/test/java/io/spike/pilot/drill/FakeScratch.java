package io.spike.pilot.drill;

import io.spike.api.NexusClient;
import io.spike.pilot.testing.FakeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A scratch Nexus played by a {@link FakeServer}: ready once {@code restoredFlag} is set. */
final class FakeScratch implements ScratchNexus, ScratchLauncher {
  final FakeServer server;
  final AtomicBoolean restored = new AtomicBoolean();
  final AtomicBoolean alive = new AtomicBoolean(true);
  final AtomicBoolean neverReady = new AtomicBoolean();
  boolean closed;
  Path work;
  boolean dataExisted;
  int shares;
  int threshold;
  int launches;

  FakeScratch(FakeServer server) {
    this.server = server;
  }

  @Override
  public ScratchNexus launch(Path work, int shares, int threshold) {
    this.work = work;
    this.dataExisted = Files.isRegularFile(work.resolve("data").resolve("spike.db"));
    this.shares = shares;
    this.threshold = threshold;
    launches++;
    return this;
  }

  @Override
  public NexusClient restore() {
    return server.nexus();
  }

  @Override
  public NexusClient superuser() {
    return server.nexus();
  }

  @Override
  public int readyz() {
    return restored.get() && !neverReady.get() ? 200 : 503;
  }

  @Override
  public boolean alive() {
    return alive.get();
  }

  @Override
  public List<String> logTail(int lines) {
    List<String> log = List.of("INFO nexus started", "WARN restore: shard 2 is wrong");
    return log.subList(Math.max(0, log.size() - lines), log.size());
  }

  @Override
  public void close() {
    closed = true;
  }
}

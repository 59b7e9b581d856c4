package io.spike.store.changelog;

import io.spike.store.target.BackupTarget;
import io.spike.store.target.TargetNames;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A backup target in memory, whose objects tests can read and tamper with directly. */
final class MemoryTarget implements BackupTarget {

  final Map<String, byte[]> objects = new TreeMap<>();

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public synchronized void put(String name, byte[] content) {
    objects.put(TargetNames.check(name), content.clone());
  }

  @Override
  public void putFile(String name, Path file) {
    try {
      put(name, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized Optional<InputStream> open(String name) {
    return Optional.ofNullable(objects.get(name)).map(ByteArrayInputStream::new);
  }

  @Override
  public void download(String name, Path file) {
    try {
      Files.write(file, objects.get(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized List<String> list(String prefix) {
    return objects.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
  }

  @Override
  public synchronized void delete(String name) {
    objects.remove(name);
  }

  @Override
  public void close() {}
}

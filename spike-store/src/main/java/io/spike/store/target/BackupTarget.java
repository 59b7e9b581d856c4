package io.spike.store.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A place backups live: named objects, each written once in whole and durable when {@link #put}
 * returns. Names are relative, made of segments {@code [A-Za-z0-9._-]+} joined by {@code /} (see
 * {@link TargetNames}); a reader sees an object either whole or not at all.
 *
 * <p>Layout used by Nexus (every writer keeps to its own prefix):
 *
 * <ul>
 *   <li>{@code spike-snapshot-<yyyyMMdd'T'HHmmss'Z'>.snap}: snapshots, at the top level.
 *   <li>{@code changes/<log id>/...}: change-log segments of one change log.
 *   <li>{@code audit/<log name>/...}: shipped audit segments.
 * </ul>
 *
 * <p>Security promise: {@link #describe()} and every exception message name the target without
 * credentials; implementations never log a credential.
 *
 * <p>Implementations are thread-safe.
 */
public interface BackupTarget extends AutoCloseable {

  /** The target as an operator wrote it, without credentials (for logs and messages). */
  String describe();

  /**
   * Stores {@code content} under {@code name}, replacing any object of that name; durable and whole
   * when this returns.
   *
   * @throws TargetException when the target refuses or cannot be reached
   */
  void put(String name, byte[] content);

  /** Stores the file's bytes under {@code name}, like {@link #put(String, byte[])}. */
  void putFile(String name, Path file);

  /**
   * Opens the object for reading; the caller closes the stream.
   *
   * @return empty when no object has this name
   */
  Optional<InputStream> open(String name);

  /**
   * Copies the object to {@code file} (created 0600, replaced if present).
   *
   * @throws TargetException when there is no such object or it cannot be read or written
   */
  default void download(String name, Path file) {
    try (InputStream in =
        open(name).orElseThrow(() -> new TargetException(describe() + " has no " + name))) {
      PrivateFiles.copy(in, file);
    } catch (IOException e) {
      throw new TargetException(
          "cannot download " + name + " from " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** Names of every object whose name starts with {@code prefix}, sorted by code point. */
  List<String> list(String prefix);

  /** Deletes the object if present. */
  void delete(String name);

  @Override
  void close();
}

package io.spike.testkit;

import java.util.Arrays;

/**
 * Closes what a test class opened in {@code @BeforeAll}, in order, skipping what was never opened
 * ({@code null}): every resource gets its {@code close()} even when an earlier one throws; the
 * first failure is thrown at the end with the later ones suppressed.
 *
 * <pre>{@code
 * @AfterAll
 * static void down() throws Exception {
 *   Closer.closeAll(probe, cluster);
 * }
 * }</pre>
 */
public final class Closer {
  private Closer() {}

  /** Closes each non-null resource, in order; see the class comment for failures. */
  public static void closeAll(AutoCloseable... resources) throws Exception {
    closeAll(Arrays.asList(resources));
  }

  /** Closes each non-null resource, in iteration order; see the class comment for failures. */
  public static void closeAll(Iterable<? extends AutoCloseable> resources) throws Exception {
    Exception first = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

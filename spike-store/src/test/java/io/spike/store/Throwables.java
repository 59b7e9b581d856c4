package io.spike.store;

import java.util.ArrayList;
import java.util.List;

/** Test helper: every message in an exception's cause chain. */
final class Throwables {

  private Throwables() {}

  static String messages(Throwable t) {
    List<String> messages = new ArrayList<>();
    for (Throwable c = t; c != null; c = c.getCause()) {
      messages.add(c.getClass().getName() + ": " + c.getMessage());
      for (Throwable s : c.getSuppressed()) {
        messages.add(s.getClass().getName() + ": " + s.getMessage());
      }
    }
    return String.join("\n", messages);
  }
}

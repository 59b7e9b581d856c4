package io.spike.server;

import io.spike.api.ErrorCode;
import io.spike.server.pipeline.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For the tests that keep {@code docs/HTTP-API.md} honest: every registered route appears there as
 * {@code `POST <path>`} or {@code `POST <path>?action=<action>`}, every {@link ErrorCode} as its
 * wire string in backquotes.
 */
public final class ApiReference {
  private ApiReference() {}

  /** {@code docs/HTTP-API.md} of the checkout: found by walking up to the directory with mvnw. */
  public static String read() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    try {
      return Files.readString(dir.resolve("docs").resolve("HTTP-API.md"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The routes of {@code table} that {@code doc} does not name, as the doc should name them. */
  public static List<String> undocumentedRoutes(RouteTable table, String doc) {
    List<String> missing = new ArrayList<>();
    table
        .actionsByPath()
        .forEach(
            (path, actions) -> {
              for (String action : actions) {
                String name = "`POST " + path + (action.isEmpty() ? "" : "?action=" + action) + "`";
                if (!doc.contains(name)) {
                  missing.add(name);
                }
              }
            });
    return missing;
  }

  /** The error codes that {@code doc} does not name. */
  public static List<String> undocumentedErrorCodes(String doc) {
    List<String> missing = new ArrayList<>();
    for (ErrorCode code : ErrorCode.values()) {
      if (!doc.contains("`" + code.wire() + "`")) {
        missing.add(code.wire());
      }
    }
    return missing;
  }
}

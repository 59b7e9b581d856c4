package io.spike.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * For each server module's layering test: only {@code ..http..} packages (and the shared pipeline)
 * know statuses and error codes. Scans a module's main sources as text and names every file outside
 * an {@code http} package that mentions an HTTP error type (an import, a static import or a fully
 * qualified name in code; comments do not count). Feature packages may register routes and build
 * replies; what they refuse they throw as their own domain type.
 */
public final class HttpLayering {
  /** The types that carry HTTP statuses or API error codes. */
  public static final List<String> HTTP_ERROR_TYPES =
      List.of(
          "io.spike.server.pipeline.ApiRefusal",
          "io.spike.server.pipeline.Failure",
          "io.spike.server.pipeline.FailureMapping",
          "io.spike.api.ErrorCode",
          "org.eclipse.jetty.http.HttpStatus",
          "org.eclipse.jetty.server.Response",
          "jakarta.servlet.http.HttpServletResponse");

  private HttpLayering() {}

  /** {@code file: line} for every mention of an HTTP error type outside an {@code http} package. */
  public static List<String> violations(Path mainSources) {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(mainSources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = mainSources.relativize(file);
        if (inHttpPackage(relative)) {
          continue;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (mentionsErrorType(line)) {
            found.add(relative + ": " + line.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  /**
   * The main sources of the module the tests run in ({@code src/main/java} below the working dir).
   */
  public static Path mainSources() {
    return Path.of("src", "main", "java").toAbsolutePath();
  }

  private static boolean inHttpPackage(Path relative) {
    for (Path part : relative.getParent() == null ? Path.of("") : relative.getParent()) {
      if (part.toString().equals("http")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a source line mentions an HTTP error type in code (comments do not count). */
  public static boolean mentionsErrorType(String line) {
    String code = line.strip();
    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
      return false;
    }
    for (String type : HTTP_ERROR_TYPES) {
      int at = code.indexOf(type);
      while (at >= 0) {
        int end = at + type.length();
        if (end == code.length() || !Character.isJavaIdentifierPart(code.charAt(end))) {
          return true;
        }
        at = code.indexOf(type, end);
      }
    }
    return code.startsWith("import") && code.contains("io.spike.server.pipeline.*");
  }
}

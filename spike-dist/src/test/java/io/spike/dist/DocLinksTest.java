package io.spike.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs a clone carries stand alone: every link in README.md, BENCHMARKS.md and docs/**.md
 * points at a file of this repository that exists. No web address, no path out of the repository.
 */
class DocLinksTest {

  /** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space or ')'. */
  private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]*)>?");

  /** {@code <scheme:...>} autolinks. */
  private static final Pattern AUTOLINK = Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\\s]*)>");

  /** {@code [label]: target} reference definitions at the start of a line. */
  private static final Pattern DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?", Pattern.MULTILINE);

  /** A web address written out anywhere outside code. */
  private static final Pattern BARE_URL = Pattern.compile("\\b(?:https?|ftp)://[^\\s)>\\]`]+");

  private static final Pattern FENCE =
      Pattern.compile("(?ms)^ {0,3}(```|~~~).*?^ {0,3}\\1[^\\n]*$");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

  @Test
  void everyLinkStaysInsideTheRepositoryAndFindsItsFile() throws IOException {
    Path root = repositoryRoot();
    Set<String> problems = new LinkedHashSet<>();
    List<Path> files = markdownFiles(root);
    assertThat(files).extracting(f -> root.relativize(f).toString()).contains("README.md");
    for (Path file : files) {
      String text = proseOf(Files.readString(file, StandardCharsets.UTF_8));
      String name = root.relativize(file).toString();
      for (Pattern pattern : List.of(INLINE, AUTOLINK, DEFINITION)) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          check(root, file, m.group(1)).ifPresent(p -> problems.add(name + ": " + p));
        }
      }
      Matcher bare = BARE_URL.matcher(text);
      while (bare.find()) {
        problems.add(name + ": " + bare.group() + " leaves the repository");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aLinkOutOfTheRepositoryIsCaught() {
    Path root = repositoryRoot();
    Path readme = root.resolve("README.md");
    assertThat(check(root, readme, "https://example.org/x")).isPresent();
    assertThat(check(root, readme, "../shared/DESIGN.md")).isPresent();
    assertThat(check(root, readme, "docs/NO-SUCH-FILE.md")).isPresent();
    assertThat(check(root, readme, "/etc/passwd")).isPresent();
    assertThat(check(root, readme, "mailto:someone@example.org")).isPresent();
    assertThat(check(root, readme, "docs/SECURITY.md#audit-log")).isEmpty();
    assertThat(check(root, readme, "#layout")).isEmpty();
    assertThat(proseOf("a `[x](https://e.org)` b\n```\n[y](../shared/D.md)\n```\n"))
        .doesNotContain("e.org", "shared");
  }

  /** Why a link target is not acceptable, or empty when it names a file of the repository. */
  static Optional<String> check(Path root, Path from, String target) {
    if (target.isEmpty() || target.startsWith("#")) {
      return Optional.empty();
    }
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//")) {
      return Optional.of(target + " leaves the repository");
    }
    String path = target.replaceAll("[#?].*$", "");
    if (path.startsWith("/")) {
      return Optional.of(target + " is absolute");
    }
    Path resolved = from.getParent().resolve(path).normalize();
    if (!resolved.startsWith(root)) {
      return Optional.of(target + " escapes the repository");
    }
    if (!Files.exists(resolved)) {
      return Optional.of(target + " is missing");
    }
    return Optional.empty();
  }

  /** The text with fenced blocks and code spans blanked: code is not a link. */
  static String proseOf(String markdown) {
    String noFences = FENCE.matcher(markdown).replaceAll("");
    return CODE_SPAN.matcher(noFences).replaceAll("``");
  }

  private static List<Path> markdownFiles(Path root) {
    List<Path> files = new ArrayList<>();
    for (String top : List.of("README.md", "BENCHMARKS.md")) {
      if (Files.isRegularFile(root.resolve(top))) {
        files.add(root.resolve(top));
      }
    }
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a directory holding mvnw above the working directory").isNotNull();
    return dir.normalize();
  }
}

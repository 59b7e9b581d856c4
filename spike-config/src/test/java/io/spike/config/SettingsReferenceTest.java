package io.spike.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SettingsReferenceTest {
  private static final Pattern TOKEN = Pattern.compile("\\b(SPIKE_[A-Z0-9_]+|SPIFFE_[A-Z0-9_]+)");
  private static final String REGENERATE =
      "./mvnw -B -o -q -pl spike-config test -Dtest=SettingsReferenceTest -Dspike.docs.write=true";

  /** The repository root: the nearest directory up from here holding mvnw. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("a directory holding mvnw above " + Path.of("").toAbsolutePath())
        .isNotNull();
    return dir;
  }

  @Test
  void committedReference_equalsTheGeneratedOne() throws IOException {
    Path file = repoRoot().resolve("docs").resolve("ENVIRONMENT.md");
    String generated = SettingsReference.markdown();
    if (Boolean.getBoolean("spike.docs.write")) {
      Files.writeString(file, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(file))
        .as(file + " exists; regenerate with " + REGENERATE)
        .isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("docs/ENVIRONMENT.md is out of date; regenerate with " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyRegisteredVariable_andAlias_appearsInTheReference() {
    String md = SettingsReference.markdown();
    for (String name : Settings.allNames()) {
      assertThat(md).contains("`" + name + "`");
    }
  }

  @Test
  void everyVariableNamedInSourcesAndScripts_isRegistered() throws IOException {
    Path root = repoRoot();
    Set<String> known = new HashSet<>(Settings.allNames());
    Settings.UPSTREAM_UNSUPPORTED.values().forEach(known::addAll);
    Set<String> unknown = new TreeSet<>();
    List<Path> files = filesToScan(root);
    assertThat(files).as("files scanned").hasSizeGreaterThan(50);
    for (Path f : files) {
      Matcher m = TOKEN.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
      while (m.find()) {
        String token = m.group(1);
        boolean prefix = token.endsWith("_") && known.stream().anyMatch(k -> k.startsWith(token));
        if (!known.contains(token) && !prefix) {
          unknown.add(token + " in " + root.relativize(f));
        }
      }
    }
    assertThat(unknown).as("variables not declared in io.spike.config.Settings").isEmpty();
  }

  @Test
  void onlyTheRegistry_spellsAVariableNameAsAStringLiteral() throws IOException {
    Path root = repoRoot();
    List<String> offenders = new ArrayList<>();
    for (Path f : filesToScan(root)) {
      String name = f.getFileName().toString();
      if (name.endsWith(".java")
          && Files.readString(f, StandardCharsets.UTF_8).contains("\"SPIKE_")
          && !name.equals("Settings.java")) {
        offenders.add(root.relativize(f).toString());
      }
    }
    assertThat(offenders).isEmpty();
  }

  /**
   * Every file under a module's src/main, the root and .ci scripts, and every .sh outside target.
   */
  private static List<Path> filesToScan(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path main = module.resolve("src").resolve("main");
        if (Files.isDirectory(main)) {
          try (Stream<Path> walk = Files.walk(main)) {
            walk.filter(Files::isRegularFile).forEach(out::add);
          }
        }
      }
    }
    try (Stream<Path> top = Files.list(root)) {
      top.filter(Files::isRegularFile).filter(SettingsReferenceTest::isScript).forEach(out::add);
    }
    Path ci = root.resolve(".ci");
    if (Files.isDirectory(ci)) {
      try (Stream<Path> walk = Files.walk(ci)) {
        walk.filter(Files::isRegularFile).forEach(out::add);
      }
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> p.toString().endsWith(".sh"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
          .filter(Files::isRegularFile)
          .forEach(out::add);
    }
    return out;
  }

  private static boolean isScript(Path file) {
    try {
      byte[] head = Files.readAllBytes(file);
      return head.length > 2 && head[0] == '#' && head[1] == '!';
    } catch (IOException e) {
      return false;
    }
  }
}

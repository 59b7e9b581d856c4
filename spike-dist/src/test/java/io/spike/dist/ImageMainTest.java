package io.spike.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ImageMainTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<String> calls = new ArrayList<>();

  private ImageMain image() {
    return new ImageMain(
        Map.of("nexus", recorder("nexus"), "spike", recorder("spike")),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Consumer<String[]> recorder(String name) {
    return args -> calls.add(name + " " + String.join(" ", args));
  }

  @Test
  void run_component_getsTheRemainingArguments() {
    int exit = image().run(new String[] {"spike", "secret", "get", "apps/db"});

    assertThat(exit).isZero();
    assertThat(calls).containsExactly("spike secret get apps/db");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void run_componentWithoutArguments_getsNone() {
    assertThat(image().run(new String[] {"nexus"})).isZero();

    assertThat(calls).containsExactly("nexus ");
  }

  @Test
  void run_noArgument_printsUsageAndReturns2() {
    assertThat(image().run(new String[0])).isEqualTo(2);

    assertThat(calls).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(ImageMain.USAGE + System.lineSeparator());
  }

  @Test
  void run_unknownComponent_printsUsageAndReturns2() {
    assertThat(image().run(new String[] {"sh", "-c", "id"})).isEqualTo(2);

    assertThat(calls).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nexus | keeper | bootstrap | spike");
  }

  @Test
  void components_areTheFourOfTheImage() {
    assertThat(ImageMain.COMPONENTS).containsOnlyKeys("nexus", "keeper", "bootstrap", "spike");
  }
}

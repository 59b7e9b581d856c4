package io.spike.pilot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code -v 1,2} argument: comma-separated version numbers, each 0 or more (0 = the current
 * version), no duplicates. Empty means the current version.
 */
public final class VersionList implements ITypeConverter<List<Integer>> {
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

  /** Parses the text; throws {@link TypeConversionException} (a usage error) when malformed. */
  @Override
  public List<Integer> convert(String text) {
    return parse(text);
  }

  /** As {@link #convert}. */
  public static List<Integer> parse(String text) {
    List<Integer> versions = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      if (!NUMBER.matcher(p).matches()) {
        throw new TypeConversionException(
            "'" + text + "' is not a list of version numbers; write e.g. -v 1,2");
      }
      int v = Integer.parseInt(p);
      if (versions.contains(v)) {
        throw new TypeConversionException("version " + v + " is listed twice");
      }
      versions.add(v);
    }
    return List.copyOf(versions);
  }

  /** A single version number for {@code -v N}: 0 or more. */
  public static final class Single implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      String t = text.trim();
      if (!NUMBER.matcher(t).matches()) {
        throw new TypeConversionException(
            "'" + text + "' is not a version number; write e.g. -v 2 (0 = current)");
      }
      return Integer.parseInt(t);
    }
  }
}

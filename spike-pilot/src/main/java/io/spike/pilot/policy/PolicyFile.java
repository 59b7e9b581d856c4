package io.spike.pilot.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.spike.pilot.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a SPIKE policy file, YAML or JSON (JSON is read as YAML):
 *
 * <pre>
 * name: web-read
 * spiffeidPattern: "^spiffe://spike\\.ist/web/.*$"
 * pathPattern: "^apps/web/.*$"
 * permissions: [read, list]
 * </pre>
 *
 * {@code permissions} may also be one comma-separated string. Unknown fields are refused, so a
 * misspelt key is not silently dropped.
 */
final class PolicyFile {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  private PolicyFile() {}

  /**
   * The policy in {@code file}; I/O failures propagate, malformed content is a {@link
   * UsageException}.
   */
  static PolicySpec read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses file content; {@code source} names it in messages. */
  static PolicySpec parse(byte[] content, String source) {
    try {
      PolicySpec spec = YAML.readValue(content, PolicySpec.class);
      if (spec == null) {
        throw new UsageException(
            source + " is empty; it needs name, spiffeidPattern, pathPattern, permissions");
      }
      return spec;
    } catch (UnrecognizedPropertyException e) {
      throw new UsageException(
          source
              + " has an unknown field '"
              + e.getPropertyName()
              + "'; a policy file has name, spiffeidPattern, pathPattern, permissions");
    } catch (IOException e) {
      String where =
          e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                  && jpe.getLocation() != null
              ? " at line " + jpe.getLocation().getLineNr()
              : "";
      throw new UsageException(
          source
              + " is not a valid YAML or JSON policy"
              + where
              + "; it needs name, spiffeidPattern, pathPattern, permissions");
    }
  }
}

package io.spike.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * The one JSON codec of the API. Unknown fields are ignored (SPIKE clients may
 * send more), trailing tokens are refused, times are RFC 3339 strings.
 *
 * <p>Decoding errors are reported as {@link JsonException} whose message names
 * the problem but never echoes the input, which may hold secrets.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new Jdk8Module())
      .addModule(new JavaTimeModule())
      .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("spike-instants")
          .addDeserializer(java.time.Instant.class, new IsoInstants.Deserializer()))
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // SPIKE clients omit optional numbers (version 0 = current): absent or null reads as 0.
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .serializationInclusion(JsonInclude.Include.NON_ABSENT)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Json() {}

  /** The configured mapper, for callers that render other formats from the same model. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new JsonException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T decode(byte[] body, Class<T> type) {
    try {
      if (body.length == 0) {
        throw new JsonException("empty body; send a JSON object", null);
      }
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw new JsonException("body is null; send a JSON object", null);
      }
      return value;
    } catch (IOException e) {
      throw new JsonException(describe(e, type), null);
    } catch (IllegalArgumentException e) {
      // A record's compact constructor refused a value; its message is ours and holds no input.
      throw new JsonException("invalid " + type.getSimpleName() + ": " + e.getMessage(), null);
    }
  }

  public static <T> T decode(InputStream in, Class<T> type) {
    try {
      return decode(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(IOException e, Class<?> type) {
    if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException vie
        && vie.getCause() instanceof IllegalArgumentException iae) {
      return "invalid " + type.getSimpleName() + ": " + iae.getMessage();
    }
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie) {
      String field = fieldOf(mie.getPath()).map(f -> " at '" + f + "'").orElse("");
      return "malformed " + type.getSimpleName() + field + ": wrong type or missing value";
    }
    if (e instanceof com.fasterxml.jackson.core.JsonParseException) {
      return "malformed JSON";
    }
    return "malformed " + type.getSimpleName();
  }

  /**
   * The innermost record field on the path to a bad value. Map keys and list indexes on the path
   * are skipped: a key is the client's text (a secret's value names, a shard id), never ours to
   * echo.
   */
  private static Optional<String> fieldOf(List<JsonMappingException.Reference> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      JsonMappingException.Reference step = path.get(i);
      if (step.getFrom() instanceof Class<?> owner && owner.isRecord()
          && isComponent(owner, step.getFieldName())) {
        return Optional.of(step.getFieldName());
      }
    }
    return Optional.empty();
  }

  private static boolean isComponent(Class<?> record, String name) {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** A body could not be decoded or encoded. */
  public static final class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JsonException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

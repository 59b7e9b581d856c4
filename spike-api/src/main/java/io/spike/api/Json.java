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
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one JSON codec of the API. Unknown fields are ignored (SPIKE clients may send more), trailing
 * tokens are refused, times are RFC 3339 strings.
 *
 * <p>Decoding errors are reported as {@link JsonException} whose message names the problem but
 * never echoes the input, which may hold secrets.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .addModule(
              new com.fasterxml.jackson.databind.module.SimpleModule("spike-instants")
                  .addDeserializer(Instant.class, new IsoInstants.Deserializer()))
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // SPIKE clients omit optional numbers (version 0 = current): absent or null reads as 0.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .serializationInclusion(JsonInclude.Include.NON_ABSENT)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
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
      if (!isWellFormedUtf8(body)) {
        // Jackson decodes some malformed sequences (a 0xF5..0xF7 lead byte, an overlong NUL) into
        // lone surrogates or NUL; a map key holding one decodes but can never be read back.
        throw new JsonException("body is not valid UTF-8", null);
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

  /**
   * Whether {@code bytes} is well-formed UTF-8 as RFC 3629 defines it (the only encoding of JSON,
   * RFC 8259): no overlong form, no encoded surrogate, nothing above U+10FFFF, nothing cut short.
   */
  static boolean isWellFormedUtf8(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int lead = bytes[i] & 0xff;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int continuations;
      int secondMin = 0x80;
      int secondMax = 0xbf;
      if (lead >= 0xc2 && lead <= 0xdf) {
        continuations = 1;
      } else if (lead >= 0xe0 && lead <= 0xef) {
        continuations = 2;
        secondMin = lead == 0xe0 ? 0xa0 : 0x80; // no overlong 3-byte form
        secondMax = lead == 0xed ? 0x9f : 0xbf; // no UTF-16 surrogate
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        continuations = 3;
        secondMin = lead == 0xf0 ? 0x90 : 0x80; // no overlong 4-byte form
        secondMax = lead == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
      } else {
        return false;
      }
      if (i + continuations >= bytes.length) {
        return false;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < secondMin || second > secondMax) {
        return false;
      }
      for (int k = 2; k <= continuations; k++) {
        if ((bytes[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += continuations + 1;
    }
    return true;
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
      if (step.getFrom() instanceof Class<?> owner
          && owner.isRecord()
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

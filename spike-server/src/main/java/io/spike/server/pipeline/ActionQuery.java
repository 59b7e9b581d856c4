package io.spike.server.pipeline;

import java.util.Optional;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The {@code ?action=} of a request's query string: the first {@code action} parameter, decoded as
 * Jetty's query parser decodes it; empty when absent.
 */
final class ActionQuery {
  private ActionQuery() {}

  /**
   * The action of {@code query} (the raw query string, {@code null} when there is none); empty
   * {@link Optional} when the query cannot be decoded. A query with nothing to decode (every client
   * of ours sends {@code ?action=get}) is split here without building the whole parameter map,
   * which was 7% of a get.
   */
  static Optional<String> parse(String query) {
    if (query == null || query.isEmpty()) {
      return Optional.of("");
    }
    if (query.indexOf('%') < 0 && query.indexOf('+') < 0) {
      for (String parameter : query.split("&", -1)) {
        int equals = parameter.indexOf('=');
        if ((equals < 0 ? parameter : parameter.substring(0, equals)).equals("action")) {
          return Optional.of(equals < 0 ? "" : parameter.substring(equals + 1));
        }
      }
      return Optional.of("");
    }
    try {
      Fields fields = new Fields(true);
      UrlEncoded.decodeUtf8To(query, fields);
      String action = fields.getValue("action");
      return Optional.of(action == null ? "" : action);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }
}

package io.spike.pilot.cli;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.Json;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns failures into the one line the CLI prints after {@code spike: }, with a hint saying what to
 * do. Server messages are ours (never secret) but are still flattened to one line and shortened.
 */
public final class ErrorMessages {
  private static final int MAX_DETAIL = 200;

  private ErrorMessages() {}

  /**
   * The line for an error answer of Nexus.
   *
   * @param attempt what the command tried, e.g. {@code read apps/web/db}
   * @param caller our SPIFFE ID
   */
  public static String forApi(ApiException e, String attempt, String caller) {
    String code = e.code().wire();
    String detail = serverDetail(e);
    switch (e.code()) {
      case UNAUTHORIZED:
        return code
            + ": "
            + caller
            + " may not "
            + attempt
            + "; ask an admin for a policy that grants it";
      case NOT_FOUND:
        return code
            + ": cannot "
            + attempt
            + ": not found"
            + detail
            + "; check the name (spike secret list, spike policy list)";
      case BAD_REQUEST:
        return code + ": Nexus refused to " + attempt + detail + "; check the path and arguments";
      case CONFLICT:
        return code
            + ": cannot "
            + attempt
            + " in Nexus's current state"
            + detail
            + "; check spike status";
      case TOO_LARGE:
        return code
            + ": the request to "
            + attempt
            + " is over Nexus's size limit"
            + " (SPIKE_NEXUS_MAX_REQUEST_BYTES); send less data";
      case RATE_LIMITED:
        return code + ": Nexus is rate limiting; wait a moment and retry";
      case NOT_READY:
        return code
            + ": Nexus is sealed (it has no root key yet) and cannot "
            + attempt
            + "; wait for it to unseal from its keepers and check spike status"
            + " (after losing every keeper: spike operator restore)";
      case INTERNAL:
      default:
        return code
            + ": Nexus failed to "
            + attempt
            + detail
            + "; see the Nexus log (dev: .spike-dev/logs/nexus.log)";
    }
  }

  /** The start of the line for an answer of Nexus this CLI cannot parse. */
  public static String forUnreadable(Json.JsonException e, URI nexus) {
    return "Nexus at " + nexus + " sent an answer this CLI cannot read (" + e.getMessage() + ")";
  }

  /** The line for a Nexus that did not answer: down, wrong address, or not Nexus at all. */
  public static String forUnreachable(ApiUnreachableException e, URI nexus) {
    Throwable tls = find(e, SSLException.class);
    if (tls != null) {
      return "Nexus at "
          + nexus
          + " failed the mTLS handshake: the server's identity is not Nexus"
          + " (spiffe://<trust domain>/spike/nexus) or it does not trust our SVID"
          + innermost(tls)
          + "; check SPIKE_NEXUS_API_URL and SPIKE_TRUST_BUNDLE";
    }
    String why;
    if (find(e, ConnectException.class) != null) {
      why = "connection refused";
    } else if (find(e, HttpTimeoutException.class) != null) {
      why = "timed out";
    } else if (find(e, UnknownHostException.class) != null) {
      why = "unknown host";
    } else {
      why = oneLine(e.getMessage() == null ? "no answer" : e.getMessage(), MAX_DETAIL);
    }
    return "cannot reach Nexus at " + nexus + " (" + why + "); is it running? try ./spike dev up";
  }

  /**
   * {@code text} on one line: control characters become spaces, runs of spaces collapse, long text
   * is cut.
   */
  public static String oneLine(String text, int max) {
    String flat = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
    return flat.length() <= max ? flat : flat.substring(0, max) + "...";
  }

  /**
   * Nexus's own message of {@code e} as {@code " (message)"}, on one line and shortened; empty when
   * it sent none.
   */
  public static String serverDetail(ApiException e) {
    String message = e.getMessage();
    String prefix = e.code().wire();
    if (message == null || !message.startsWith(prefix + ": ")) {
      return "";
    }
    return " (" + oneLine(message.substring(prefix.length() + 2), MAX_DETAIL) + ")";
  }

  private static String innermost(Throwable t) {
    Throwable last = t;
    while (last.getCause() != null && last.getCause() != last) {
      last = last.getCause();
    }
    String m = last.getMessage();
    return m == null || m.isBlank() ? "" : " (" + oneLine(m, MAX_DETAIL) + ")";
  }

  private static Throwable find(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }
}

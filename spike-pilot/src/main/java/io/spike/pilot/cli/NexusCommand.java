package io.spike.pilot.cli;

import io.spike.api.ApiException;
import io.spike.api.ApiUnreachableException;
import io.spike.api.Json;
import io.spike.api.NexusClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Base of every command that calls Nexus. Checks the arguments first (so bad usage never touches
 * the network or the identity), then opens a session, runs the call and turns API failures into
 * one-line messages naming what was attempted.
 */
public abstract class NexusCommand extends CliCommand {
  private final List<Runnable> releases = new ArrayList<>();

  /** Checks arguments locally; throws {@link UsageException}. Runs before any network call. */
  protected void validate() {}

  /** What the command attempts, for messages: e.g. {@code read apps/web/db}. */
  protected abstract String attempt();

  /** Calls Nexus and prints the result. */
  protected abstract void run(NexusClient nexus, Output out) throws IOException;

  /**
   * This command's own line for an error answer of Nexus, when the generic one of {@link
   * ErrorMessages#forApi} would mislead (operator routes answer one exact role, not policies);
   * empty to use the generic one.
   *
   * @param caller our SPIFFE ID
   */
  protected Optional<String> explain(ApiException e, String caller) {
    return Optional.empty();
  }

  /** Zeroes {@code secret} (a password, plaintext) when the command ends, whatever happened. */
  protected final char[] wipeAtEnd(char[] secret) {
    atEnd(() -> Arrays.fill(secret, '\0'));
    return secret;
  }

  /** Zeroes {@code secret} (a password, plaintext) when the command ends, whatever happened. */
  protected final byte[] wipeAtEnd(byte[] secret) {
    atEnd(() -> Arrays.fill(secret, (byte) 0));
    return secret;
  }

  /** Runs {@code release} (e.g. destroys shards read) when the command ends, whatever happened. */
  protected final void atEnd(Runnable release) {
    releases.add(release);
  }

  /**
   * Whether this run calls Nexus. A command with an offline mode ({@code snapshot save --store},
   * {@code snapshot verify --shards}) answers false for it, and then {@link #runOffline} runs
   * instead: no identity is loaded and no connection made.
   */
  protected boolean needsNexus() {
    return true;
  }

  /** The offline run, when {@link #needsNexus()} is false. */
  protected void runOffline(Output out) throws IOException {
    throw new IllegalStateException(getClass().getSimpleName() + " has no offline mode");
  }

  @Override
  public final Integer call() throws IOException {
    try {
      checkArguments();
      validate();
      if (!needsNexus()) {
        runOffline(output());
        return 0;
      }
      try (NexusSession session = ctx().connector().open()) {
        runIn(session);
      }
    } finally {
      releases.forEach(Runnable::run);
    }
    return 0;
  }

  private void runIn(NexusSession session) throws IOException {
    try {
      run(session.client(), output());
    } catch (ApiException e) {
      String line =
          explain(e, session.caller())
              .orElseGet(() -> ErrorMessages.forApi(e, attempt(), session.caller()));
      throw new CliFailure(line, e);
    } catch (ApiUnreachableException e) {
      throw new CliFailure(ErrorMessages.forUnreachable(e, session.url()), e);
    } catch (Json.JsonException e) {
      throw new CliFailure(
          ErrorMessages.forUnreadable(e, session.url())
              + "; is SPIKE_NEXUS_API_URL a SPIKE Nexus of the same version?",
          e);
    }
  }
}

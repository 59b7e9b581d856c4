package io.spike.pilot.cipher;

import io.spike.api.Json;
import io.spike.api.NexusClient;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import io.spike.pilot.cli.UsageException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike cipher decrypt [--file F] [--out F]}: a JSON ciphertext document in, raw plaintext
 * out.
 */
@Command(
    name = "decrypt",
    description = {
      "Decrypt a document written by 'spike cipher encrypt'.",
      "Reads {\"version\":N,\"nonce\":\"<base64>\",\"ciphertext\":\"<base64>\"} from --file, or stdin;",
      "writes the raw plaintext bytes (nothing added) to --out (mode 0600), or stdout."
    })
final class CipherDecrypt extends NexusCommand {
  @Option(names = "--file", paramLabel = "F", description = "Ciphertext document (default: stdin).")
  private Path file;

  @Option(
      names = "--out",
      paramLabel = "F",
      description = "Plaintext file, written 0600 (default: stdout).")
  private Path outFile;

  private CipherText document;

  @Override
  protected void validate() {
    document = parse(Streams.readAll(ctx(), file), file == null ? "stdin" : file.toString());
  }

  @Override
  protected String attempt() {
    return "decrypt";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    CipherPlaintext answer = nexus.decrypt(document);
    atEnd(answer::destroy);
    byte[] plaintext = wipeAtEnd(answer.plaintext());
    Streams.writeAll(ctx(), outFile, plaintext);
  }

  /** The document, or a {@link UsageException} saying what it should look like. */
  static CipherText parse(byte[] bytes, String source) {
    try {
      CipherText doc = Json.decode(bytes, CipherText.class);
      if (doc.nonce().length == 0 || doc.ciphertext().length == 0) {
        throw new UsageException(
            source + " lacks nonce or ciphertext; give the JSON 'spike cipher encrypt' wrote");
      }
      return doc;
    } catch (Json.JsonException e) {
      throw new UsageException(
          source
              + " is not a ciphertext document ("
              + e.getMessage()
              + "); give the JSON 'spike cipher encrypt' wrote");
    }
  }
}

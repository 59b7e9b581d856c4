package io.spike.pilot.cipher;

import io.spike.api.Json;
import io.spike.api.NexusClient;
import io.spike.api.wire.CipherPlaintext;
import io.spike.api.wire.CipherText;
import io.spike.pilot.cli.NexusCommand;
import io.spike.pilot.cli.Output;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spike cipher encrypt [--file F] [--out F]}: plaintext in, a JSON ciphertext document out.
 */
@Command(
    name = "encrypt",
    description = {
      "Encrypt bytes under Nexus's current data key (nothing is stored).",
      "Reads the plaintext from --file, or stdin; writes one JSON document",
      "{\"version\":N,\"nonce\":\"<base64>\",\"ciphertext\":\"<base64>\"} to --out, or stdout.",
      "That document is what 'spike cipher decrypt' reads."
    })
final class CipherEncrypt extends NexusCommand {
  @Option(names = "--file", paramLabel = "F", description = "Plaintext file (default: stdin).")
  private Path file;

  @Option(
      names = "--out",
      paramLabel = "F",
      description = "Ciphertext file, written 0600 (default: stdout).")
  private Path outFile;

  private byte[] plaintext;

  @Override
  protected void validate() {
    plaintext = wipeAtEnd(Streams.readAll(ctx(), file));
  }

  @Override
  protected String attempt() {
    return "encrypt";
  }

  @Override
  protected void run(NexusClient nexus, Output out) {
    CipherPlaintext request = new CipherPlaintext(plaintext);
    CipherText encrypted;
    try {
      encrypted = nexus.encrypt(request);
    } finally {
      request.destroy();
    }
    byte[] json = Json.encode(encrypted);
    byte[] document = Arrays.copyOf(json, json.length + 1);
    document[json.length] = (byte) '\n';
    Streams.writeAll(ctx(), outFile, document);
  }
}

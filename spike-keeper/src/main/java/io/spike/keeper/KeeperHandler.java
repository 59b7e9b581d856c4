package io.spike.keeper;

import io.spike.api.ErrorCode;
import io.spike.api.Json;
import io.spike.api.Routes;
import io.spike.api.wire.Empty;
import io.spike.api.wire.ErrorResponse;
import io.spike.api.wire.ShardRequest;
import io.spike.api.wire.ShardResponse;
import io.spike.api.wire.ShardValue;
import io.spike.crypto.SecretBytes;
import io.spike.identity.PeerIdentity;
import io.spike.identity.Role;
import io.spike.identity.SpiffeId;
import io.spike.server.RequestBodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's two routes in one handler: POST only, body at most 1 MiB, caller taken from the
 * TLS client certificate, then {@code contribute} (nexus or bootstrap) or {@code shard} (nexus).
 *
 * <p>Security promise: request and response bodies are never logged; the buffers that carried a
 * shard are zeroed once Jetty is done with them.
 */
final class KeeperHandler extends Handler.Abstract {
  static final int MAX_BODY_BYTES = 1024 * 1024;
  /** How much of an oversized body is read and thrown away before the connection is dropped. */
  private static final long DRAIN_LIMIT = 8L * MAX_BODY_BYTES;
  private static final Logger LOG = LoggerFactory.getLogger(KeeperHandler.class);

  private final ShardSlot slot;
  private final String trustDomain;

  KeeperHandler(ShardSlot slot, String trustDomain) {
    this.slot = slot;
    this.trustDomain = trustDomain;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    Optional<SpiffeId> caller = peer(request);
    byte[] out;
    int status;
    try {
      out = dispatch(path, request, caller);
      status = 200;
    } catch (KeeperError e) {
      status = e.status;
      out = Json.encode(new ErrorResponse(e.code.wire(), Optional.ofNullable(e.getMessage())));
    } catch (RuntimeException e) {
      LOG.error("unexpected failure on {}", path, e);
      status = ErrorCode.INTERNAL.status();
      out = Json.encode(new ErrorResponse(ErrorCode.INTERNAL.wire(), Optional.empty()));
    }
    LOG.debug("{} {} from {} -> {}", request.getMethod(), path,
        caller.map(SpiffeId::toString).orElse("(no SVID)"), status);
    // An answer decided before the body was read (404, 405, 401) must not leave the body unread
    // on a keep-alive connection: Jetty would drop the connection after the response.
    // (A 413 has drained what it will and closes the connection anyway.)
    boolean keepAlive = status != ErrorCode.TOO_LARGE.status() && RequestBodies.finish(request, DRAIN_LIMIT);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    if (!keepAlive) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    byte[] written = out;
    response.write(true, ByteBuffer.wrap(written), Callback.from(callback, () -> Arrays.fill(written, (byte) 0)));
    return true;
  }

  private byte[] dispatch(String path, Request request, Optional<SpiffeId> caller) {
    boolean contribute = Routes.KEEPER_CONTRIBUTE.equals(path);
    if (!contribute && !Routes.KEEPER_SHARD.equals(path)) {
      throw new KeeperError(ErrorCode.NOT_FOUND, "no such route");
    }
    if (!"POST".equals(request.getMethod())) {
      throw new KeeperError(ErrorCode.BAD_REQUEST, 405, "use POST");
    }
    SpiffeId id = caller.orElseThrow(() -> new KeeperError(ErrorCode.UNAUTHORIZED, "no client SVID"));
    boolean nexus = Role.NEXUS.holds(id, trustDomain);
    boolean allowed = contribute ? nexus || Role.BOOTSTRAP.holds(id, trustDomain) : nexus;
    if (!allowed) {
      throw new KeeperError(ErrorCode.UNAUTHORIZED, null);
    }
    byte[] body = readBody(request);
    try {
      return contribute ? contribute(body, id) : shard();
    } finally {
      SecretBytes.wipe(body);
    }
  }

  private byte[] contribute(byte[] body, SpiffeId from) {
    ShardRequest shardRequest;
    try {
      shardRequest = Json.decode(body, ShardRequest.class);
    } catch (Json.JsonException e) {
      throw new KeeperError(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    ShardValue shard = shardRequest.shard();
    if (shard == null) {
      throw new KeeperError(ErrorCode.BAD_REQUEST, "shard is missing");
    }
    try {
      if (shard.isZero()) {
        throw new KeeperError(ErrorCode.BAD_REQUEST, "shard is all zeros");
      }
      if (slot.put(shard)) {
        LOG.info("new shard received from {}", from);
      } else {
        LOG.debug("same shard received again from {}", from);
      }
      return Json.encode(Empty.INSTANCE);
    } finally {
      shard.destroy();
    }
  }

  private byte[] shard() {
    ShardValue shard = slot.get().orElseThrow(() -> new KeeperError(ErrorCode.NOT_FOUND, "no shard held"));
    try {
      return Json.encode(new ShardResponse(shard));
    } finally {
      shard.destroy();
    }
  }

  /**
   * Reads at most {@link #MAX_BODY_BYTES}; never buffers more than that. An oversized body is
   * read on and discarded (up to {@link #DRAIN_LIMIT}) so that the client, still sending, gets
   * the 413 instead of a reset connection.
   */
  private static byte[] readBody(Request request) {
    if (request.getLength() > DRAIN_LIMIT) {
      throw new KeeperError(ErrorCode.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        SecretBytes.wipe(body);
        drain(in);
        throw new KeeperError(ErrorCode.TOO_LARGE, "body over " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new KeeperError(ErrorCode.BAD_REQUEST, "cannot read the body");
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] scratch = new byte[16 * 1024];
    long total = MAX_BODY_BYTES;
    int n;
    while (total < DRAIN_LIMIT && (n = in.read(scratch)) >= 0) {
      total += n;
    }
    Arrays.fill(scratch, (byte) 0);
  }

  private static Optional<SpiffeId> peer(Request request) {
    if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl
        && ssl.peerCertificates() != null) {
      return PeerIdentity.fromCertificates(ssl.peerCertificates());
    }
    return Optional.empty();
  }

  /** A refusal with its code; the message is ours and never holds shard bytes. */
  private static final class KeeperError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorCode code;
    private final int status;

    KeeperError(ErrorCode code, String message) {
      this(code, code.status(), message);
    }

    KeeperError(ErrorCode code, int status, String message) {
      super(message, null, false, false);
      this.code = code;
      this.status = status;
    }
  }
}

package io.spike.server.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Runs one stage on each request: 200 with what it returns, or the refusal's status and code. */
final class StageHandler extends Handler.Abstract {
  private final Function<Request, String> stage;

  StageHandler(Function<Request, String> stage) {
    this.stage = stage;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status;
    String body;
    try {
      body = stage.apply(request);
      status = 200;
    } catch (ApiRefusal refusal) {
      status = refusal.status();
      body =
          refusal.code().wire() + (refusal.getMessage() == null ? "" : ": " + refusal.getMessage());
    }
    response.setStatus(status);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}

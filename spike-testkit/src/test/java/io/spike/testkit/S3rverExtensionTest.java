package io.spike.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class S3rverExtensionTest {
  @RegisterExtension static final S3rverExtension S3 = new S3rverExtension();

  @Test
  void aServerAnswersOnLoopback_andTheBucketExists() throws Exception {
    assertThat(S3.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    HttpResponse<String> bucket =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(S3.endpoint() + "/" + S3rverExtension.BUCKET))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> none =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(S3.endpoint() + "/no-such-bucket"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // Unsigned requests: s3rver answers for the bucket it made, and 404 for one it has not.
    assertThat(bucket.statusCode()).isEqualTo(200);
    assertThat(none.statusCode()).isEqualTo(404);
  }

  @Test
  void theSdkCredentials_areS3rversWhileItRuns() {
    assertThat(System.getProperty("aws.accessKeyId")).isEqualTo(S3rverExtension.CREDENTIAL);
    assertThat(System.getProperty("aws.secretAccessKey")).isEqualTo(S3rverExtension.CREDENTIAL);
  }

  @Test
  void targetUrl_namesBucketPrefixEndpointRegionAndPathStyle() {
    assertThat(S3.targetUrl("a/b"))
        .isEqualTo(
            "s3://spike-test/a/b?endpoint=" + S3.endpoint() + "&region=us-east-1&path-style=true");
    assertThat(S3.targetUrl("")).startsWith("s3://spike-test?endpoint=");
  }

  @Test
  void aPutCutShort_storesNothing_asOnS3() throws Exception {
    URI base = URI.create(S3.endpoint());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("PUT /"
                  + S3rverExtension.BUCKET
                  + "/cut/short HTTP/1.1\r\n"
                  + "Host: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\n"
                  + "Content-Length: 1000\r\n\r\n"
                  + "only part of the body")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(200);
    } // the client goes away with 979 bytes unsent, as a process killed mid-upload does
    HttpResponse<String> whole =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(S3.endpoint() + "/" + S3rverExtension.BUCKET + "/whole/one"))
                    .PUT(HttpRequest.BodyPublishers.ofString("all of it"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Thread.sleep(200);
    HttpResponse<String> listing =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(S3.endpoint() + "/" + S3rverExtension.BUCKET))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    // Unsigned requests are accepted by s3rver; the listing holds the whole object only.
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(listing.body()).contains("<Key>whole/one</Key>").doesNotContain("cut/short");
  }
}

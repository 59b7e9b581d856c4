package io.spike.nexus.http;

/** A status and a JSON body, ready to write. The body array is zeroed after it is sent. */
record Reply(int status, byte[] body) {
  @Override
  public String toString() {
    return "Reply[status=" + status + ", body=" + body.length + " bytes]";
  }
}

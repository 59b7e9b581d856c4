package io.spike.bench;

/**
 * The baseline JVM of the distribution rows: no dependencies, so the bench copies its class file
 * alone into a directory and runs it with the distribution's {@code java}. Without arguments it
 * prints one line and exits (a bare JVM start); with {@code sleep} it prints one line and sleeps
 * until killed (a bare JVM's resident memory).
 */
final class BareJvm {
  static final String READY = "bare jvm ready";

  private BareJvm() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println(READY);
    System.out.flush();
    if (args.length > 0 && args[0].equals("sleep")) {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}

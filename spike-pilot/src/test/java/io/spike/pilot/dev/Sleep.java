package io.spike.pilot.dev;

/** A stand-in server for {@link ProcessesTest}: sleeps until stopped. */
public final class Sleep {
  private Sleep() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("sleeping");
    Thread.sleep(120_000);
  }
}

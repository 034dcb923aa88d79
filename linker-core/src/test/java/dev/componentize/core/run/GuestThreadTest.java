package dev.componentize.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GuestThreadTest {
  @Test
  void aCallThatOutlivesItsLimitIsInterruptedAndTimesOut() {
    AtomicBoolean interrupted = new AtomicBoolean();
    List<Duration> beats = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    assertThrows(
        TimeoutException.class,
        () ->
            GuestThread.call(
                () -> {
                  // As Endive's interpreter does at every branch and call.
                  while (!Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                  }
                  interrupted.set(true);
                  return null;
                },
                Duration.ofMillis(700),
                Duration.ofMillis(200),
                beats::add));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(interrupted.get(), "the guest's thread was interrupted");
    assertTrue(took.compareTo(Duration.ofMillis(650)) >= 0, took.toString());
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, took.toString());
    assertTrue(beats.size() >= 2, "heartbeats while it ran: " + beats);
    for (int i = 1; i < beats.size(); i++) {
      assertTrue(beats.get(i).compareTo(beats.get(i - 1)) > 0, beats.toString());
    }
  }

  @Test
  void aCallWithinItsLimitReturnsItsResultAndItsFailures() throws Exception {
    List<Duration> beats = new CopyOnWriteArrayList<>();
    assertEquals(
        42, GuestThread.call(() -> 42, Duration.ofSeconds(5), Duration.ofSeconds(1), beats::add));
    assertTrue(beats.isEmpty());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                GuestThread.call(
                    () -> {
                      throw new IllegalStateException("trap");
                    }));
    assertEquals("trap", e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
  }
}

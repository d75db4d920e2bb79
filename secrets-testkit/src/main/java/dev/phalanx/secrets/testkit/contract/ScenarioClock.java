package dev.phalanx.secrets.testkit.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock the scenarios move forward by hand, so {@code mtime} values are predictable. */
final class ScenarioClock extends Clock {

  private final AtomicReference<Instant> now;

  ScenarioClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  void advance(Duration duration) {
    now.updateAndGet(i -> i.plus(duration));
  }

  /** The {@code mtime} text of the current instant. */
  String mtime() {
    return now.get().toString();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}

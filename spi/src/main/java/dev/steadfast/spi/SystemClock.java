package dev.steadfast.spi;

import java.time.Duration;

/** The JVM's clocks. */
enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public long nanos() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
    }

    @Override
    public String toString() {
        return "Clock.system()";
    }
}

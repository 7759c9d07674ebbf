package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.ALL;
import static dev.steadfast.channel.ChannelTesting.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.ManualClock;
import dev.steadfast.spi.Store;
import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code loadChannel} is one consistent read, also while the owner keeps stepping. */
class ChannelLoadTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void everyLoadWhileTheOwnerStepsEqualsAStateSomeStepCommitted(Backend backend, @TempDir Path dir)
            throws Exception {
        try (Store store = backend.open(dir);
             Channels owner = new Channels(store, new ManualClock(), new ChannelOptions(3));
             Channels reader = new Channels(store, new ManualClock(), new ChannelOptions(3))) {
            Channel c = owner.open("busy", "owner").orElseThrow();
            Map<Long, ChannelState> committed = new ConcurrentHashMap<>();
            committed.put(0L, c.state());
            CountDownLatch firstLoad = new CountDownLatch(1);
            CompletableFuture<Void> stepping = CompletableFuture.runAsync(() -> {
                awaitQuietly(firstLoad);
                for (int i = 1; i <= 12; i++) {
                    ChannelStep step = i % 3 == 0
                            ? new ChannelStep.Acknowledge(java.util.Set.of("o" + (i - 1)))
                            : i % 3 == 1 ? new ChannelStep.Send(msg("o" + i, "me", i), i)
                            : new ChannelStep.Deliver(msg("r" + i, "peer", i));
                    ChannelState s = c.apply(step).orElseThrow();
                    committed.put(s.steps(), s);
                }
            });
            List<ChannelState> loads = new ArrayList<>();
            while (!stepping.isDone() || loads.size() < 3) {
                loads.add(reader.loadChannel("busy"));
                firstLoad.countDown();
            }
            stepping.get();
            for (ChannelState seen : loads) {
                ChannelTesting.assertInvariants(seen, 3);
                assertEquals(committed.get(seen.steps()), seen, "a load is exactly the state after one step");
            }
            assertEquals(c.state(), reader.loadChannel("busy"));
            assertTrue(loads.stream().map(ChannelState::steps).distinct().count() > 1,
                    "loads saw the channel at more than one step");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the reader never loaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

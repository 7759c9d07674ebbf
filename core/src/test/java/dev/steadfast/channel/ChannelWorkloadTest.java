package dev.steadfast.channel;

import static dev.steadfast.channel.ChannelTesting.ALL;
import static dev.steadfast.channel.ChannelTesting.assertInvariants;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.steadfast.testing.Backend;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The seeded workload of the crash test, in process: after every step the handle's state equals the model's and
 * keeps the invariants, and what the store holds at the end equals both. Memory runs hundreds of steps; the
 * durable backends, which sync every step, a few dozen.
 */
class ChannelWorkloadTest {
    private static final int CAP = 4;

    @ParameterizedTest(name = "{0}")
    @MethodSource(ALL)
    void everyStepOfTheSeededWorkloadMatchesTheModelAndKeepsTheInvariants(Backend backend, @TempDir Path dir) {
        int steps = backend.durable() ? 20 : 400;
        try (ChannelTesting.Rig rig = new ChannelTesting.Rig(backend, dir, CAP)) {
            Channel c = rig.open("w");
            ChannelState model = c.state();
            Set<Class<?>> kinds = new HashSet<>();
            for (int i = 0; i < steps; i++) {
                ChannelStep step = CrashWorkload.next(42, model);
                kinds.add(step.getClass());
                model = ChannelModel.apply(model, step, CAP);
                assertEquals(model, c.apply(step).orElseThrow(), "after step " + (i + 1) + ": " + step);
                assertInvariants(c.state(), CAP);
            }
            assertEquals(model, rig.channels.loadChannel("w"));
            if (!backend.durable()) {
                assertEquals(ChannelStep.class.getPermittedSubclasses().length, kinds.size(),
                        "the workload takes every kind of step: " + kinds);
            }
        }
    }
}

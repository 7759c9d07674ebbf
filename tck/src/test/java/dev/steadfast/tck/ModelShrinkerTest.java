package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Pins that {@link ModelShrinker} finds the smallest failing sequence, not merely a shorter one: for a failure
 * caused by known steps, batches or operations of a generated 40-step sequence, the shrunk sequence is exactly those.
 */
class ModelShrinkerTest {
    private static final List<ModelStep> STEPS = new ModelGenerator(20_261_129L, true, true).steps(40);

    private static boolean holds(List<ModelStep> steps, ModelStep step) {
        return steps.stream().anyMatch(s -> s == step);
    }

    private static <T extends ModelStep> T find(Class<T> kind, Predicate<T> test, int from) {
        return STEPS.stream().skip(from).filter(kind::isInstance).map(kind::cast).filter(test).findFirst()
                .orElseThrow(() -> new AssertionError("the generated sequence has no such " + kind.getSimpleName()));
    }

    @Test
    void failureNeedingTwoStepsInOrderShrinksToExactlyThoseTwo() {
        ModelStep first = find(ModelStep.Apply.class, a -> true, 5);
        ModelStep second = find(ModelStep.Apply.class, a -> a != first, STEPS.indexOf(first) + 20);
        List<ModelStep> shrunk = new ModelShrinker(s -> holds(s, first) && holds(s, second)
                && s.indexOf(first) < s.indexOf(second), 200).shrink(STEPS);
        assertEquals(2, shrunk.size(), shrunk.toString());
        assertSame(first, shrunk.get(0));
        assertSame(second, shrunk.get(1));
    }

    @Test
    void failureCausedByOneOperationShrinksToABatchOfThatOperationAlone() {
        ModelStep.Apply step = find(ModelStep.Apply.class,
                a -> a.batch().guards().size() + a.batch().operations().size() >= 2, 0);
        WriteOp culprit = step.batch().operations().get(step.batch().operations().size() - 1);
        List<ModelStep> shrunk = new ModelShrinker(s -> s.stream().anyMatch(x -> x instanceof ModelStep.Apply a
                && a.batch().operations().stream().anyMatch(op -> op == culprit)), 200).shrink(STEPS);
        assertEquals(List.of(new ModelStep.Apply(new WriteBatch(List.of(), List.of(culprit)))), shrunk);
    }

    @Test
    void failureCausedByOneOperationOfAnApplyAllShrinksToOneBatchOfThatOperationAlone() {
        ModelStep.ApplyAll step = find(ModelStep.ApplyAll.class, a -> a.batches().size() >= 2
                && !a.batches().get(a.batches().size() - 1).operations().isEmpty(), 0);
        WriteBatch last = step.batches().get(step.batches().size() - 1);
        WriteOp culprit = last.operations().get(0);
        List<ModelStep> shrunk = new ModelShrinker(s -> s.stream().anyMatch(x -> x instanceof ModelStep.ApplyAll a
                && a.batches().stream().anyMatch(b -> b.operations().stream().anyMatch(op -> op == culprit))), 200)
                .shrink(STEPS);
        assertEquals(List.of(new ModelStep.ApplyAll(List.of(new WriteBatch(List.of(), List.of(culprit))))), shrunk);
    }

    @Test
    void shrinkingNeverReplaysMoreThanItsBudget() {
        AtomicInteger replays = new AtomicInteger();
        List<ModelStep> shrunk = new ModelShrinker(s -> replays.incrementAndGet() > 0, 3).shrink(STEPS);
        assertEquals(3, replays.get());
        assertTrue(shrunk.size() < STEPS.size(), "every replay failed, so each one should have dropped steps");
    }
}

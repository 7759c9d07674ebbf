package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.spi.Fence;
import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.RecordKey;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

abstract class FenceTests extends TckGroup {
    private static final String F = "fence/f";

    private WriteResult set(Fence fence, long expectedEpoch) {
        return store().apply(WriteBatch.builder().setFence(fence, expectedEpoch).build());
    }

    @Test
    @DisplayName("an unknown fence reads as empty")
    void unknownFence() {
        assertEquals(Optional.empty(), store().readFence(F));
        assertEquals(List.of(), store().listFences(""));
    }

    @Test
    @DisplayName("a fence is created at expected epoch 0 and reads back field for field")
    void createAtZero() {
        Fence fence = new Fence(F, "owner-a", 1, "token-a", 1_700_000_000_000L);
        assertEquals(WriteResult.committed(), set(fence, 0));
        assertEquals(Optional.of(fence), store().readFence(F));
    }

    @Test
    @DisplayName("creating a fence that exists fails with FencedOut naming the found owner and epoch")
    void createTwiceFails() {
        set(new Fence(F, "owner-a", 1, "", 10), 0);
        assertEquals(new FencedOut(F, 0, 1, "owner-a"), set(new Fence(F, "owner-b", 1, "", 20), 0));
        assertEquals("owner-a", store().readFence(F).orElseThrow().owner());
    }

    @Test
    @DisplayName("a fence can start above epoch 1")
    void createAboveOne() {
        Fence fence = new Fence(F, "owner-a", 7, "", 0);
        assertEquals(WriteResult.committed(), set(fence, 0));
        assertEquals(Optional.of(fence), store().readFence(F));
    }

    @Test
    @DisplayName("renewing at the same epoch updates lease and token")
    void renewAtSameEpoch() {
        set(new Fence(F, "owner-a", 1, "t1", 100), 0);
        Fence renewed = new Fence(F, "owner-a", 1, "t1b", 200);
        assertEquals(WriteResult.committed(), set(renewed, 1));
        assertEquals(Optional.of(renewed), store().readFence(F));
        Fence released = new Fence(F, "owner-a", 1, "t1b", 0);
        assertEquals(WriteResult.committed(), set(released, 1));
        assertEquals(Optional.of(released), store().readFence(F));
    }

    @Test
    @DisplayName("a takeover raises the epoch and replaces the owner")
    void takeover() {
        set(new Fence(F, "owner-a", 1, "ta", 100), 0);
        Fence taken = new Fence(F, "owner-b", 2, "tb", 300);
        assertEquals(WriteResult.committed(), set(taken, 1));
        assertEquals(Optional.of(taken), store().readFence(F));
        Fence jumped = new Fence(F, "owner-c", 9, "tc", 400);
        assertEquals(WriteResult.committed(), set(jumped, 2));
        assertEquals(Optional.of(jumped), store().readFence(F));
    }

    @Test
    @DisplayName("a change at a wrong expected epoch fails with FencedOut naming found owner and epoch")
    void wrongExpectedEpoch() {
        set(new Fence(F, "owner-a", 1, "", 100), 0);
        set(new Fence(F, "owner-b", 2, "", 200), 1);
        Fence current = store().readFence(F).orElseThrow();
        assertEquals(new FencedOut(F, 1, 2, "owner-b"), set(new Fence(F, "owner-a", 1, "", 300), 1));
        assertEquals(new FencedOut(F, 1, 2, "owner-b"), set(new Fence(F, "owner-a", 3, "", 300), 1));
        assertEquals(new FencedOut(F, 3, 2, "owner-b"), set(new Fence(F, "owner-c", 4, "", 300), 3));
        assertEquals(Optional.of(current), store().readFence(F));
    }

    @Test
    @DisplayName("a change to an absent fence at an expected epoch above 0 fails with found epoch 0 and owner \"\"")
    void changeOfAbsentFence() {
        assertEquals(new FencedOut(F, 1, 0, ""), set(new Fence(F, "owner-a", 2, "", 0), 1));
        assertEquals(Optional.empty(), store().readFence(F));
    }

    @Test
    @DisplayName("lease ends 0 and Long.MAX_VALUE, empty and longest tokens, unicode owners round-trip")
    void fieldExtremes() {
        String token = "t".repeat(Fence.MAX_TOKEN_LENGTH);
        List<Fence> fences = List.of(
                new Fence("fence/1", "o", 1, "", 0),
                new Fence("fence/2", "\u00f6wner \uD83D\uDE00", 1, token, Long.MAX_VALUE),
                new Fence("fence/3", "o".repeat(256), Long.MAX_VALUE, "\u00e9t\u00e9", 1));
        for (Fence f : fences) {
            assertEquals(WriteResult.committed(), set(f, 0));
            assertEquals(Optional.of(f), store().readFence(f.name()));
        }
    }

    @Test
    @DisplayName("listFences returns fences by name prefix in code point order")
    void listByPrefix() {
        WriteBatch.Builder batch = WriteBatch.builder();
        for (String name : List.of("f/b", "f/a", "f", "f/\uD83D\uDE00", "f/\uFF61", "g", "F")) {
            batch.setFence(new Fence(name, "o-" + name, 1, "", 0), 0);
        }
        commit(batch.build());
        assertEquals(List.of("F", "f", "f/a", "f/b", "f/\uFF61", "f/\uD83D\uDE00", "g"),
                store().listFences("").stream().map(Fence::name).toList());
        assertEquals(List.of("f/a", "f/b", "f/\uFF61", "f/\uD83D\uDE00"),
                store().listFences("f/").stream().map(Fence::name).toList());
        assertEquals(new Fence("f/a", "o-f/a", 1, "", 0), store().listFences("f/a").get(0));
        assertEquals(List.of(), store().listFences("h"));
    }

    @Test
    @DisplayName("a fence set expecting the exact stored fence commits and replaces it")
    void exactExpectationCommits() {
        Fence held = new Fence(F, "owner-a", 1, "t1", 100);
        set(held, 0);
        Fence renewed = new Fence(F, "owner-a", 1, "t1", 200);
        assertEquals(WriteResult.committed(), apply(WriteOp.SetFence.replacing(held, renewed)));
        assertEquals(Optional.of(renewed), store().readFence(F));
        Fence takeover = new Fence(F, "owner-b", 2, "t2", 300);
        assertEquals(WriteResult.committed(), apply(WriteOp.SetFence.replacing(renewed, takeover)));
        assertEquals(Optional.of(takeover), store().readFence(F));
    }

    @Test
    @DisplayName("a renewal expecting the lease end it last saw fails after a release, and the release stands")
    void staleRenewalCannotUndoARelease() {
        Fence held = new Fence(F, "owner-a", 1, "t1", 100);
        set(held, 0);
        Fence released = new Fence(F, "owner-a", 1, "t1", 0);
        assertEquals(WriteResult.committed(), apply(WriteOp.SetFence.replacing(held, released)));
        assertEquals(new FencedOut(F, 1, 1, "owner-a"),
                apply(WriteOp.SetFence.replacing(held, new Fence(F, "owner-a", 1, "t1", 200))));
        assertEquals(Optional.of(released), store().readFence(F));
    }

    @Test
    @DisplayName("an exact expectation naming another owner, token or epoch fails and writes nothing of its batch")
    void exactExpectationMismatchWritesNothing() {
        Fence held = new Fence(F, "owner-a", 1, "t1", 100);
        set(held, 0);
        Fence next = new Fence(F, "owner-a", 1, "t1", 0);
        for (Fence wrong : List.of(new Fence(F, "owner-b", 1, "t1", 100), new Fence(F, "owner-a", 1, "t2", 100),
                new Fence(F, "owner-a", 2, "t1", 100))) {
            WriteBatch batch = WriteBatch.builder().putRecord("fence/ns", RecordKey.of(bytes("k")), bytes("v"))
                    .op(WriteOp.SetFence.replacing(wrong, wrong.epoch() == 1 ? next
                            : new Fence(F, "owner-a", 2, "t1", 0)))
                    .build();
            assertEquals(new FencedOut(F, wrong.epoch(), 1, "owner-a"), store().apply(batch), wrong.toString());
        }
        assertEquals(Optional.of(held), store().readFence(F));
        assertEquals(List.of(), store().listNamespaces("fence/"));
    }

    @Test
    @DisplayName("an exact expectation for another fence or at another epoch is rejected when it is built")
    void exactExpectationValidated() {
        Fence fence = new Fence(F, "owner-a", 2, "", 0);
        assertThrows(IllegalArgumentException.class,
                () -> WriteOp.SetFence.replacing(new Fence("fence/other", "owner-a", 2, "", 0), fence));
        assertThrows(IllegalArgumentException.class,
                () -> new WriteOp.SetFence(fence, 1, new Fence(F, "owner-a", 2, "", 0)));
    }

    private WriteResult apply(WriteOp op) {
        return store().apply(WriteBatch.builder().op(op).build());
    }

    @Test
    @DisplayName("a fence change to an epoch below the expected one is rejected when it is built")
    void lowerEpochRejectedAtConstruction() {
        Fence fence = new Fence(F, "owner-a", 2, "", 0);
        assertThrows(IllegalArgumentException.class, () -> new WriteOp.SetFence(fence, 3));
        assertThrows(IllegalArgumentException.class, () -> new WriteOp.SetFence(fence, -1));
    }
}

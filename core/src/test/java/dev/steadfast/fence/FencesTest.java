package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.FencedOut;
import dev.steadfast.spi.Store;
import dev.steadfast.spi.StreamId;
import dev.steadfast.spi.WriteBatch;
import dev.steadfast.spi.WriteOp;
import dev.steadfast.spi.WriteResult;
import dev.steadfast.testing.Backend;
import dev.steadfast.testing.CountingStore;
import dev.steadfast.tck.ForwardingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FencesTest {
    private static final String SOURCE = "dev.steadfast.testing.Backends#all";
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final StreamId LOG = StreamId.of("orders");

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void firstClaimIsEpochOneAndAHigherEpochTakesOver(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Fences fences = new Fences(store, FenceTokens.hmac(SECRET));
            OwnershipFence a = fences.claimNext("orders", "a").orElseThrow();
            assertEquals(1, a.epoch());
            OwnershipFence b = fences.requestTakeover("orders", "b", 2, fences.tokenFor("orders", "b", 2))
                    .orElseThrow();
            assertEquals(2, b.epoch());
            assertEquals(b, fences.current("orders").orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void staleOwnerWriteIsRejectedByTheStoreAndLeavesJournalUnchanged(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Fences fences = new Fences(store);
            OwnershipFence a = fences.claimNext("orders", "a").orElseThrow();
            assertTrue(store.apply(write(a, 0, "a1")).isCommitted());
            fences.claimNext("orders", "b").orElseThrow();
            WriteResult late = store.apply(write(a, 1, "a2"));
            FencedOut refused = assertInstanceOf(FencedOut.class, late);
            assertEquals(2, refused.foundEpoch());
            assertEquals("b", refused.foundOwner());
            assertEquals(1, store.journalHead(LOG));
            assertEquals("owner 'a' of fence 'orders' at epoch 1 was superseded by owner 'b' at epoch 2",
                    Fences.superseded(a, refused).message());
            assertEquals("superseded", fences.check(a).orElseThrow().label());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void claimsAreJudgedByTheRulesInOrder(Backend backend, @TempDir Path dir) {
        try (Store store = backend.open(dir)) {
            Fences fences = new Fences(store, FenceTokens.hmac(SECRET));
            fences.claimNext("f", "a").orElseThrow();
            fences.claimNext("f", "a").orElseThrow();
            assertEquals(new OwnershipError.StaleOwner(2, 1), rejected(fences.requestTakeover("f", "b", 1, "x")));
            assertEquals(new OwnershipError.SplitBrain("a", "b", 2), rejected(fences.requestTakeover("f", "b", 2, "x")));
            assertEquals(new OwnershipError.InvalidToken("b", 3), rejected(fences.requestTakeover("f", "b", 3,
                    FenceTokens.unkeyed().tokenFor("f", "b", 3))));
            assertEquals(2, fences.current("f").orElseThrow().epoch());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void sameOwnerReclaimingItsEpochIsGrantedWithoutWriting(Backend backend, @TempDir Path dir) {
        try (CountingStore store = new CountingStore(backend.open(dir))) {
            Fences fences = new Fences(store);
            OwnershipFence a = fences.claimNext("f", "a").orElseThrow();
            store.reset();
            assertEquals(a, fences.requestTakeover("f", "a", 1, a.token()).orElseThrow());
            assertEquals(0, store.batches().size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SOURCE)
    void aRaceLostAtTheStoreIsReportedNotRetried(Backend backend, @TempDir Path dir) {
        try (Store real = backend.open(dir)) {
            Fences winner = new Fences(real);
            winner.claimNext("f", "a").orElseThrow();
            // The competitor's claim lands between the loser's read and its compare-and-set.
            Store racing = new ForwardingStore(real) {
                private boolean raced;

                @Override
                public WriteResult apply(WriteBatch batch) {
                    if (!raced) {
                        raced = true;
                        winner.claimNext("f", "c").orElseThrow();
                    }
                    return super.apply(batch);
                }
            };
            Claim<OwnershipFence> lost = new Fences(racing).claimNext("f", "b");
            assertEquals(new OwnershipError.LostRace("f", 1, 2, "c"), rejected(lost));
            assertEquals("c", real.readFence("f").orElseThrow().owner());
            assertEquals(2, real.readFence("f").orElseThrow().epoch());
        }
    }

    static OwnershipError rejected(Claim<?> claim) {
        return assertInstanceOf(Claim.Rejected.class, claim).error();
    }

    private static WriteBatch write(OwnershipFence owner, long head, String payload) {
        return WriteBatch.builder().guard(owner.guard())
                .op(new WriteOp.Append(LOG, head, java.util.List.of(payload.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}

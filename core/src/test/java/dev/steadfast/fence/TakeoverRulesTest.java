package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.spi.Fence;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TakeoverRulesTest {
    private final FenceTokens tokens = FenceTokens.unkeyed();
    private final Optional<Fence> current = Optional.of(new Fence("f", "a", 5, tokens.tokenFor("f", "a", 5), 0));

    private Optional<OwnershipError> judge(String owner, long epoch, String token) {
        return TakeoverRules.judge(current, tokens, "f", owner, epoch, token);
    }

    @Test
    void lowerEpochIsStaleOwnerBeforeAnyOtherRule() {
        assertEquals(Optional.of(new OwnershipError.StaleOwner(5, 4)), judge("b", 4, "bad"));
    }

    @Test
    void sameEpochAnotherOwnerIsSplitBrainBeforeTheTokenIsChecked() {
        assertEquals(Optional.of(new OwnershipError.SplitBrain("a", "b", 5)), judge("b", 5, "bad"));
    }

    @Test
    void wrongTokenIsInvalidToken() {
        assertEquals(Optional.of(new OwnershipError.InvalidToken("b", 6)), judge("b", 6, tokens.tokenFor("f", "b", 7)));
        assertEquals(Optional.of(new OwnershipError.InvalidToken("a", 5)), judge("a", 5, "bad"));
    }

    @Test
    void sameOwnerSameEpochValidTokenIsAnIdempotentReclaim() {
        assertTrue(judge("a", 5, tokens.tokenFor("f", "a", 5)).isEmpty());
        assertTrue(TakeoverRules.isReclaim(current, "a", 5));
        assertTrue(judge("b", 6, tokens.tokenFor("f", "b", 6)).isEmpty());
    }

    @Test
    void errorLabelsAreStableAndMessagesSayWhy() {
        assertEquals("stale_owner", new OwnershipError.StaleOwner(2, 1).label());
        assertEquals("split_brain", new OwnershipError.SplitBrain("a", "b", 1).label());
        assertEquals("invalid_token", new OwnershipError.InvalidToken("a", 1).label());
        assertEquals("lost_race", new OwnershipError.LostRace("f", 1, 2, "b").label());
        assertEquals("superseded", new OwnershipError.Superseded("f", "a", 1, "b", 2).label());
        assertEquals("lease_held", new OwnershipError.LeaseHeld("f", "a", 1, 10, 5).label());
        assertEquals("lease_expired", new OwnershipError.LeaseExpired("f", "a", 1, 10, 10).label());
        assertTrue(new OwnershipError.Superseded("f", "a", 1, "b", 2).message()
                .contains("superseded by owner 'b' at epoch 2"));
    }
}

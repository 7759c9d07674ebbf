package dev.steadfast.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FenceTokensTest {
    private static final byte[] SECRET = "a-secret-of-32-bytes-for-tests!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void hmacTokenIsDeterministicAndBindsNameOwnerAndEpoch() {
        FenceTokens tokens = FenceTokens.hmac(SECRET);
        String t = tokens.tokenFor("session/1", "a", 3);
        assertEquals(t, FenceTokens.hmac(SECRET).tokenFor("session/1", "a", 3));
        assertEquals(64, t.length());
        assertNotEquals(t, tokens.tokenFor("session/2", "a", 3));
        assertNotEquals(t, tokens.tokenFor("session/1", "b", 3));
        assertNotEquals(t, tokens.tokenFor("session/1", "a", 4));
    }

    @Test
    void fieldBoundariesCannotBeShiftedToForgeAToken() {
        FenceTokens tokens = FenceTokens.unkeyed();
        assertNotEquals(tokens.tokenFor("ab", "c", 1), tokens.tokenFor("a", "bc", 1));
    }

    @Test
    void tokensDependOnTheSecretAndDifferFromTheUnkeyedDigest() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        String keyed = FenceTokens.hmac(SECRET).tokenFor("f", "a", 1);
        assertNotEquals(keyed, FenceTokens.hmac(other).tokenFor("f", "a", 1));
        assertNotEquals(keyed, FenceTokens.unkeyed().tokenFor("f", "a", 1));
        assertEquals(FenceTokens.unkeyed().tokenFor("f", "a", 1), FenceTokens.unkeyed().tokenFor("f", "a", 1));
    }

    @Test
    void verifyAcceptsOnlyTheExpectedToken() {
        FenceTokens tokens = FenceTokens.hmac(SECRET);
        String t = tokens.tokenFor("f", "a", 1);
        assertTrue(tokens.verify("f", "a", 1, t));
        assertFalse(tokens.verify("f", "a", 2, t));
        assertFalse(tokens.verify("f", "a", 1, t.toUpperCase()));
        assertFalse(tokens.verify("f", "a", 1, ""));
        assertFalse(FenceTokens.unkeyed().verify("f", "a", 1, t));
    }

    @Test
    void shortSecretIsRejectedAndSecretNeverPrinted() {
        assertThrows(IllegalArgumentException.class, () -> FenceTokens.hmac(new byte[8]));
        assertFalse(FenceTokens.hmac(SECRET).toString().contains("secret-of"));
        assertTrue(FenceTokens.unkeyed().toString().contains("not secret"));
    }
}

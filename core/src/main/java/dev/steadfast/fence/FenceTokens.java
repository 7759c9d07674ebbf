package dev.steadfast.fence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks fence tokens: proof that a grant for {@code (name, owner, epoch)} came from whoever holds the
 * secret.
 *
 * <p>{@link #hmac(byte[])} computes HMAC-SHA256 over a canonical encoding of the triple (each string as its UTF-8
 * length and bytes, then the epoch as eight bytes) and compares tokens in constant time. {@link #unkeyed()}
 * computes a plain SHA-256 digest of the same encoding: deterministic and useful to catch confused callers, but
 * <b>not secret</b> — anyone can compute it, so it proves nothing against a hostile writer. The store's epoch guard
 * keeps stale owners out either way; the token only guards who may claim.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class FenceTokens {
    private static final String HMAC = "HmacSHA256";
    private final byte[] secret;

    private FenceTokens(byte[] secret) {
        this.secret = secret;
    }

    /**
     * Tokens keyed by {@code secret} (HMAC-SHA256): only a holder of the secret can mint a token a claim accepts.
     *
     * @param secret at least 16 bytes, copied; the same secret must be given to every process sharing the fences
     * @return the keyed scheme
     * @throws IllegalArgumentException if the secret is shorter than 16 bytes
     */
    public static FenceTokens hmac(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 16) {
            throw new IllegalArgumentException("fence token secret must be at least 16 bytes, was " + secret.length);
        }
        return new FenceTokens(secret.clone());
    }

    /** {@return deterministic, unkeyed tokens (SHA-256 digest); anyone can compute them, see the class doc} */
    public static FenceTokens unkeyed() {
        return new FenceTokens(null);
    }

    /** {@return true if tokens are keyed by a secret, false for the unkeyed digest} */
    public boolean keyed() {
        return secret != null;
    }

    /**
     * The token for {@code owner} holding fence {@code name} at {@code epoch}; the same inputs always give the same
     * token, so a restarted owner can mint it again.
     *
     * @param name  the fence's name
     * @param owner the claiming owner
     * @param epoch the epoch claimed
     * @return the token as lower-case hex
     */
    public String tokenFor(String name, String owner, long epoch) {
        return HexFormat.of().formatHex(digest(canonical(name, owner, epoch)));
    }

    /**
     * Checks a presented token; compares in constant time, so timing does not reveal how much of it matched.
     *
     * @param name  the fence's name
     * @param owner the claiming owner
     * @param epoch the epoch claimed
     * @param token the token presented, lower-case hex
     * @return true if {@code token} is the one for {@code (name, owner, epoch)}
     */
    public boolean verify(String name, String owner, long epoch, String token) {
        Objects.requireNonNull(token, "token");
        byte[] expected = tokenFor(name, owner, epoch).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] digest(byte[] message) {
        try {
            if (secret == null) {
                return MessageDigest.getInstance("SHA-256").digest(message);
            }
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks a required algorithm", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise " + HMAC, e);
        }
    }

    private static byte[] canonical(String name, String owner, long epoch) {
        byte[] n = Objects.requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8);
        byte[] o = Objects.requireNonNull(owner, "owner").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(4 + n.length + 4 + o.length + 8);
        buf.putInt(n.length).put(n).putInt(o.length).put(o).putLong(epoch);
        return buf.array();
    }

    @Override
    public String toString() {
        return keyed() ? "FenceTokens[hmac-sha256]" : "FenceTokens[unkeyed sha-256, not secret]";
    }
}

package dev.steadfast.internal;

import dev.steadfast.fence.FenceTokens;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fence tokens used where the caller gave none ({@code new Fences(store)}, {@code new Leases(store, clock)},
 * {@code new Sessions(store, clock)}, {@code SteadfastModule}): unkeyed, and said so once per JVM through
 * {@link System.Logger} (logger {@code dev.steadfast.fence}), because unkeyed tokens can be computed by anyone and
 * so prove nothing about who may claim a fence. Choosing {@link FenceTokens#unkeyed()} explicitly stays quiet.
 * Not API.
 */
public final class DefaultFenceTokens {
    static final String LOGGER = "dev.steadfast.fence";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private DefaultFenceTokens() {
    }

    /** Unkeyed tokens, with the one warning per JVM naming {@code where} they were defaulted. */
    public static FenceTokens unkeyed(String where) {
        if (WARNED.compareAndSet(false, true)) {
            System.getLogger(LOGGER).log(Level.WARNING, where + " uses unkeyed fence tokens by default: anyone can "
                    + "compute them, so they do not prove a claim was granted. Pass FenceTokens.hmac(secret) (a "
                    + "secret of at least 16 bytes shared by every node), or FenceTokens.unkeyed() to choose them "
                    + "knowingly. This warning is logged once per JVM.");
        }
        return FenceTokens.unkeyed();
    }

    /** Lets a test see the warning again. */
    static void resetWarning() {
        WARNED.set(false);
    }
}

package dev.steadfast.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The observable history of one run: every step's outcome is hashed in order, so two runs have the same digest
 * only if they made the same requests and got the same answers. Lines use names relative to the run, never the
 * store names, so the digest is the same on every store and every attempt.
 *
 * <p>Violations are hashed too; the first of each invariant is kept in words for the report (a broken store
 * tends to break the same invariant on every later step, and the first occurrence is the one worth reading).
 */
final class Trace {
    private final MessageDigest digest = Digests.sha256();
    private final List<String> violations = new ArrayList<>();
    private final Set<String> invariantsBroken = new HashSet<>();

    void step(String line) {
        digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void violation(String invariant, String detail) {
        step("VIOLATION " + invariant + ": " + detail);
        if (invariantsBroken.add(invariant)) {
            violations.add(invariant + ": " + detail);
        }
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String digestHex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}

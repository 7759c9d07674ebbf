package dev.steadfast.spi;

import java.util.Comparator;

/**
 * The rules every name in the SPI follows: stream ids, snapshot keys, record namespaces, fence names and owners.
 *
 * <p>A name is non-empty, at most {@value #MAX_LENGTH} characters long and free of control characters, so it
 * prints safely in an error message and fits an indexed column of any backend. Names sort in
 * {@link #CODE_POINT_ORDER}, which is the unsigned byte order of their UTF-8 encoding.
 */
public final class Names {
    /** The longest name allowed, in UTF-16 chars. */
    public static final int MAX_LENGTH = 256;

    /** Orders names by Unicode code point, the same as unsigned comparison of their UTF-8 bytes. */
    public static final Comparator<String> CODE_POINT_ORDER = Names::compareCodePoints;

    private Names() {
    }

    /**
     * Returns {@code value} when it is a valid name.
     *
     * @param what  names the argument in the error message, for example {@code "fence name"}
     * @param value the name to check
     * @return {@code value} itself, so a constructor can check and assign in one expression
     * @throws NullPointerException     if {@code value} is null
     * @throws IllegalArgumentException if it is empty, too long or holds a control character
     */
    public static String require(String what, String value) {
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    what + " is " + value.length() + " characters long, the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(
                        what + " holds control character U+" + String.format("%04X", (int) c) + " at index " + i);
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException(what + " holds an unpaired surrogate at index " + i);
                }
                i++;
            }
        }
        return value;
    }

    /**
     * Returns {@code prefix} when it is a valid name prefix: like a name, but it may be empty (meaning all).
     *
     * @param what   names the argument in the error message, for example {@code "stream prefix"}
     * @param prefix the prefix to check
     * @return {@code prefix} itself
     * @throws NullPointerException     if {@code prefix} is null
     * @throws IllegalArgumentException if it is not empty and not a valid name
     */
    public static String requirePrefix(String what, String prefix) {
        if (prefix == null) {
            throw new NullPointerException(what + " must not be null (use \"\" for all)");
        }
        return prefix.isEmpty() ? prefix : require(what, prefix);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

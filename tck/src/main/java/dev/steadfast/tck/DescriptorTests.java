package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.steadfast.spi.StoreDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link StoreDescriptor#location()} is printed in logs and reports, so it must never hold a secret. */
abstract class DescriptorTests extends TckGroup {
    /** A {@code name=value} or {@code name: value} whose name says it is a secret, with a non-empty value. */
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|passphrase|secret|token|api[-_]?key|credentials?)\\s*[=:]\\s*(?![&;,\\s]|$)");
    /** {@code scheme://user:password@host}: a password in the URI's user info. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//[^/@\\s:]*:[^/@\\s]+@");

    @Test
    @DisplayName("location names no password, token or key: no secret option, no user:password@, none of the join's secrets")
    void locationHoldsNoSecret() {
        String location = store().descriptor().location();
        List<String> found = new ArrayList<>();
        Matcher option = SECRET_OPTION.matcher(location);
        if (option.find()) {
            found.add("a secret option '" + option.group(1) + "'");
        }
        if (USER_INFO_PASSWORD.matcher(location).find()) {
            found.add("a password in user:password@");
        }
        for (String secret : tck().secrets(dir)) {
            if (!secret.isEmpty() && location.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT))) {
                found.add("the secret '" + secret.charAt(0) + "…' (" + secret.length() + " characters) of the join");
            }
        }
        assertEquals(List.of(), found, "descriptor().location() of the store shows secrets");
    }

    @Test
    @DisplayName("location is not blank and is the same after close")
    void locationIsPrintableAndStable() {
        String location = store().descriptor().location();
        assertFalse(location.isBlank(), "descriptor().location() is blank: it should say where the store lives");
        store().close();
        assertEquals(location, store().descriptor().location());
    }
}

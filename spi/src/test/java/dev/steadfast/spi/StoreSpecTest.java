package dev.steadfast.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreSpecTest {

    @Test
    void parsesSchemeLocationAndOptions() {
        StoreSpec spec = StoreSpec.parse("sqlite:./data/app.db?synchronous=full&busyTimeoutMs=250");
        assertEquals("sqlite", spec.scheme());
        assertEquals("./data/app.db", spec.location());
        assertEquals(Map.of("synchronous", "full", "busyTimeoutMs", "250"), spec.options());
        assertEquals(250, spec.longOption("busyTimeoutMs", 0, 0, 10_000));
    }

    @Test
    void keepsAuthorityFormLocationsWhole() {
        StoreSpec spec = StoreSpec.parse("postgresql://db.internal:5432/app?schema=steadfast");
        assertEquals("postgresql", spec.scheme());
        assertEquals("//db.internal:5432/app", spec.location());
        assertEquals("steadfast", spec.option("schema").orElseThrow());
    }

    @Test
    void acceptsAnEmptyLocationAndNestedColons() {
        assertEquals("", StoreSpec.parse("memory:").location());
        assertEquals("mem:test", StoreSpec.parse("h2:mem:test").location());
    }

    @Test
    void lowerCasesTheSchemeAndDecodesOptionValues() {
        StoreSpec spec = StoreSpec.parse("SQLite:a.db?note=a%20b%26c");
        assertEquals("sqlite", spec.scheme());
        assertEquals("a b&c", spec.option("note").orElseThrow());
    }

    @Test
    void rejectsAUriWithoutAScheme() {
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> StoreSpec.parse("./data/app.db"));
        assertTrue(e.getMessage().contains("has no scheme"), e.getMessage());
    }

    @Test
    void rejectsAnOptionGivenTwice() {
        assertThrows(StoreConfigurationException.class, () -> StoreSpec.parse("memory:?a=1&a=2"));
    }

    @Test
    void hidesSecretOptionsWhenPrinted() {
        StoreSpec spec = StoreSpec.parse("postgresql://h:1/db?user=app&password=hunter2");
        assertFalse(spec.toString().contains("hunter2"), spec.toString());
        assertTrue(spec.toString().contains("user=app"));
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> spec.longOption("password", 0, 0, 1));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void badNumericOrBooleanOptionNamesTheOptionAndValue() {
        StoreSpec spec = StoreSpec.parse("sqlite:x.db?busyTimeoutMs=soon&wal=maybe");
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> spec.longOption("busyTimeoutMs", 0, 0, 100));
        assertTrue(e.getMessage().contains("busyTimeoutMs") && e.getMessage().contains("soon"), e.getMessage());
        assertThrows(StoreConfigurationException.class, () -> spec.booleanOption("wal", true));
        assertThrows(StoreConfigurationException.class,
                () -> StoreSpec.parse("sqlite:x.db?n=5").longOption("n", 0, 10, 20));
    }

    @Test
    void unknownOptionIsAnErrorListingTheKnownOnes() {
        StoreSpec spec = StoreSpec.parse("sqlite:x.db?synchronus=full");
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> spec.requireKnownOptions(Set.of("synchronous")));
        assertTrue(e.getMessage().contains("synchronus") && e.getMessage().contains("[synchronous]"), e.getMessage());
    }

    @Test
    void passwordSplitAtAnUnencodedAmpersandNeverAppearsInTheUnknownOptionError() {
        StoreSpec spec = StoreSpec.parse("postgresql://db:5432/app?user=svc&password=Tr0ub4dor&3xyz");
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> spec.requireKnownOptions(Set.of("user", "password")));
        assertFalse(e.getMessage().contains("3xyz"), e.getMessage());
        assertFalse(e.getMessage().contains("Tr0ub4dor"), e.getMessage());
        assertTrue(e.getMessage().contains("percent-encoded") && e.getMessage().contains("passwordEnv"),
                e.getMessage());
    }

    @Test
    void unknownOptionIsStillNamedWhenTheUriCarriesNoSecret() {
        StoreSpec spec = StoreSpec.parse("postgresql://db:5432/app?user=svc&pool=3");
        StoreConfigurationException e = assertThrows(StoreConfigurationException.class,
                () -> spec.requireKnownOptions(Set.of("user")));
        assertTrue(e.getMessage().contains("'pool'"), e.getMessage());
    }

    @Test
    void malformedUriWithASecretShowsNothingAfterTheSecretOption() {
        StoreConfigurationException twice = assertThrows(StoreConfigurationException.class,
                () -> StoreSpec.parse("postgresql://db/app?password=ab&cd&cd"));
        assertFalse(twice.getMessage().contains("cd"), twice.getMessage());
        StoreConfigurationException noName = assertThrows(StoreConfigurationException.class,
                () -> StoreSpec.parse("postgresql://db/app?password=ab&=cd"));
        assertFalse(noName.getMessage().contains("cd"), noName.getMessage());
        assertEquals("postgresql://db/app?sslpassword=***",
                StoreSpec.parse("postgresql://db/app?sslpassword=k3y").toString());
    }
}

package dev.steadfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM manages the third-party versions the build is tested with (it cannot inherit the root pom's). */
class BomVersionsTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void theBomsGuiceAndH2VersionsAreTheOnesTheBuildTestsWith() throws Exception {
        String root = Files.readString(ROOT.resolve("pom.xml"), StandardCharsets.UTF_8);
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"), StandardCharsets.UTF_8);
        for (String property : new String[] {"guice.version", "h2.version"}) {
            assertEquals(property(root, property), property(bom, property), property);
        }
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("`com.h2database:h2` (" + property(root, "h2.version")),
                "the README names H2's version");
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!m.find()) {
            throw new AssertionError("no <" + name + "> in the pom");
        }
        return m.group(1);
    }
}

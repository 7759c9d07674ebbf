package dev.steadfast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven recorded in the jar, or "development build" when run from classes. Read without picocli
 * ({@link #text()}), for {@link QuickPath}; {@link Provider} hands it to picocli.
 */
final class Version {
    private static final String POM = "/META-INF/maven/dev.steadfast/steadfast-cli/pom.properties";

    private Version() {
    }

    /** The one line {@code steadfast --version} prints. */
    static String text() {
        try (InputStream in = Version.class.getResourceAsStream(POM)) {
            if (in == null) {
                return "steadfast (development build)";
            }
            Properties p = new Properties();
            p.load(in);
            return "steadfast " + p.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + POM + " from the jar", e);
        }
    }

    /** {@link #text()} for picocli's {@code --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {text()};
        }
    }
}

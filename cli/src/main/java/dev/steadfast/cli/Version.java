package dev.steadfast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven recorded in the jar, or "development build" when run from classes. */
final class Version implements IVersionProvider {
    private static final String POM = "/META-INF/maven/dev.steadfast/steadfast-cli/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = Version.class.getResourceAsStream(POM)) {
            if (in == null) {
                return new String[] {"steadfast (development build)"};
            }
            Properties p = new Properties();
            p.load(in);
            return new String[] {"steadfast " + p.getProperty("version", "(unknown version)")};
        }
    }
}

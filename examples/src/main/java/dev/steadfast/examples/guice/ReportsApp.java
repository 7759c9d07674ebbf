package dev.steadfast.examples.guice;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.steadfast.Steadfast;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A Guice application: reads its configuration file, builds the injector from {@link ReportsModule}, publishes
 * today's report if this node leads, and closes {@link Steadfast} at the end.
 *
 * <p>Usage: {@code ReportsApp CONFIG.properties DAY}. Prints {@code published DAY by NODE} or
 * {@code NODE does not lead}.
 */
public final class ReportsApp {
    private ReportsApp() {
    }

    /** Runs the application; see the class comment. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReportsApp CONFIG.properties DAY");
            System.exit(2);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        ReportsConfig config = ReportsConfig.from(properties);
        Injector injector = Guice.createInjector(new ReportsModule(config));
        try (Steadfast steadfast = injector.getInstance(Steadfast.class)) {
            ReportLeader leader = injector.getInstance(ReportLeader.class);
            if (leader.tryLead() && leader.publish(args[1], "report of " + args[1] + " by " + config.node())) {
                System.out.println("published " + args[1] + " by " + config.node());
            } else {
                System.out.println(config.node() + " does not lead");
            }
        }
    }
}

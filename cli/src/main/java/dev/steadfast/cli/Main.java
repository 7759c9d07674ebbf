package dev.steadfast.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the jar starts: {@link QuickPath} runs the short commands it takes, picocli ({@link SteadfastCommand}) the
 * rest. Kept free of picocli, so that a short command does not load it.
 */
public final class Main {
    private static final String LOCALE_PROVIDERS = "java.locale.providers";
    /** Held so that the level set in {@link #startJvm} is not lost when the logger is collected. */
    private static final Logger LIBRARY_LOGGER = Logger.getLogger("dev.steadfast");

    private Main() {
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the subcommand and its options, for example {@code inspect --store sqlite:./app.db}
     */
    public static void main(String[] args) {
        startJvm();
        // Not a lambda: the archive's training run (CdsTraining) does not pass here, and a lambda missing from the
        // archive is spun at run time, several milliseconds of a quick command.
        Optional<String> providers = compatLocaleData(args, Runtime.version().feature(),
                System.getProperty(LOCALE_PROVIDERS));
        if (providers.isPresent()) {
            System.setProperty(LOCALE_PROVIDERS, providers.get());
        }
        // The writers picocli would make for itself: same buffering, same encodings.
        System.exit(run(args, writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding")));
    }

    /**
     * Runs {@code args} as {@link #main} does, printing to {@code out} and {@code err}, without exiting.
     *
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        OptionalInt quick = QuickPath.run(args, out, err);
        if (quick.isPresent()) {
            return quick.getAsInt();
        }
        return SteadfastCommand.commandLine(args).setOut(out).setErr(err).execute(args);
    }

    /**
     * What a run of the jar sets up before a command: the cached native library, and a console quieted to what a
     * command user needs.
     */
    static void startJvm() {
        SqliteNativeCache.use();
        // The jar bundles no SLF4J binding (backends log nothing a command user needs); without this, SLF4J
        // prints a three-line warning about it on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // The library logs takeovers, recoveries and opens at INFO for operators; a command narrates those itself,
        // so its console shows only warnings unless the user configured java.util.logging.
        if (System.getProperty("java.util.logging.config.file") == null) {
            LIBRARY_LOGGER.setLevel(Level.WARNING);
        }
    }

    /**
     * The locale data a run of {@code args} should use, when not the JDK's default: sqlite-jdbc builds a date
     * format from the default locale's data on every connection, and the first load of the CLDR data (the default)
     * costs about as much CPU as the rest of opening a SQLite store; the JDK's older data (COMPAT) a fraction of
     * it. Only for the commands {@link QuickPath} runs, whose output has no localized dates or numbers, and only on
     * JDKs before 21, which neither warn about COMPAT nor lack it; a user's own setting is kept.
     *
     * @param jdkFeature   the JDK's feature release, e.g. 17
     * @param userSetting  the {@code java.locale.providers} already set, or null
     * @return the providers to set, or empty to leave the JDK's default
     */
    static Optional<String> compatLocaleData(String[] args, int jdkFeature, String userSetting) {
        if (userSetting != null || jdkFeature >= 21 || !QuickPath.takes(args)) {
            return Optional.empty();
        }
        return Optional.of("COMPAT");
    }

    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset = name == null ? Charset.defaultCharset()
                : Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}

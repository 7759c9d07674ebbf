package dev.steadfast.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the jar starts: {@link QuickPath} runs the short commands it takes, picocli ({@link SteadfastCommand}) the
 * rest. Kept free of picocli, so that a short command does not load it.
 */
public final class Main {
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

    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset = name == null ? Charset.defaultCharset()
                : Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}

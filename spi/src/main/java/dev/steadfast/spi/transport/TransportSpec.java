package dev.steadfast.spi.transport;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A transport URI taken apart: {@code scheme:location?option=value&...}, for example {@code inproc:lab} or
 * {@code tcp://127.0.0.1:7000?keystore=node.p12&truststore=cluster.p12&clientAuth=true}. It follows the syntax of
 * store URIs ({@link StoreSpec}); {@link #toString()} hides the values of the store URIs' secret options and of
 * every option whose name ends in {@code password} (such as {@code keystorePassword}).
 *
 * @param scheme   lower-case scheme without the colon
 * @param location everything between the colon and the {@code ?}, possibly empty
 * @param options  the query's options, in the order given
 */
public record TransportSpec(String scheme, String location, Map<String, String> options) {
    /**
     * Checks the scheme by the store URI rules and copies the options, keeping their order.
     *
     * @param scheme   lower-case scheme without the colon, such as {@code tcp}
     * @param location everything between the colon and the {@code ?}, possibly empty
     * @param options  the options, in the order given
     * @throws IllegalArgumentException if the scheme is malformed
     */
    public TransportSpec {
        StoreSpec checked = new StoreSpec(scheme, location, options);
        options = checked.options();
    }

    /**
     * Parses a transport URI. Error messages never show a secret option's value.
     *
     * @param uri the URI, such as {@code tcp://127.0.0.1:7000}
     * @return the spec, with the scheme lower-cased and option names and values percent-decoded
     * @throws TransportConfigurationException if it has no scheme, a malformed scheme or a malformed option
     */
    public static TransportSpec parse(String uri) {
        Objects.requireNonNull(uri, "transport URI");
        try {
            StoreSpec spec = StoreSpec.parse(uri);
            return new TransportSpec(spec.scheme(), spec.location(), spec.options());
        } catch (StoreConfigurationException e) {
            throw new TransportConfigurationException(
                    "transport URI is invalid: " + e.getMessage().replace("store URI", "URI"), e);
        }
    }

    /**
     * Looks up an option.
     *
     * @param name the option's name, case-sensitive
     * @return its decoded value, or empty when not given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * Reads a whole-number option and checks its range.
     *
     * @param name     the option's name, case-sensitive
     * @param fallback the value to use when the option is not given; not range-checked
     * @param min      the least value allowed
     * @param max      the greatest value allowed
     * @return the option's value within {@code [min, max]}, or {@code fallback}
     * @throws TransportConfigurationException naming the option, the range and the value found
     */
    public long longOption(String name, long fallback, long min, long max) {
        try {
            return asStoreSpec().longOption(name, fallback, min, max);
        } catch (StoreConfigurationException e) {
            throw new TransportConfigurationException(e.getMessage().replace("of store", "of transport"), e);
        }
    }

    /**
     * Reads a yes/no option, with the spellings {@link StoreSpec#booleanOption} accepts.
     *
     * @param name     the option's name, case-sensitive
     * @param fallback the value to use when the option is not given
     * @return the option's value, or {@code fallback}
     * @throws TransportConfigurationException naming the option and the value found, if it is neither
     */
    public boolean booleanOption(String name, boolean fallback) {
        try {
            return asStoreSpec().booleanOption(name, fallback);
        } catch (StoreConfigurationException e) {
            throw new TransportConfigurationException(e.getMessage().replace("of store", "of transport"), e);
        }
    }

    /** The URI again, with secret option values replaced by {@code ***}. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        options.forEach((name, value) -> shown.put(name,
                name.toLowerCase(java.util.Locale.ROOT).endsWith("password") ? "***" : value));
        return new StoreSpec(scheme, location, shown).toString();
    }

    private StoreSpec asStoreSpec() {
        return new StoreSpec(scheme, location, options);
    }
}

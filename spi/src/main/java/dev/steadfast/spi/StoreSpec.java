package dev.steadfast.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A store URI taken apart: {@code scheme:location?option=value&...}.
 *
 * <p>Examples: {@code memory:}, {@code memory:orders}, {@code sqlite:./data/app.db?synchronous=full},
 * {@code h2:mem:test}, {@code encrypted-file:./vault?keyset=./vault.keyset.json},
 * {@code postgresql://db:5432/app?schema=steadfast}. Option values are percent-decoded. {@link #toString()}
 * hides the values of secret options ({@code password}, {@code secret}, {@code passphrase}, {@code token}
 * and any option whose name ends in {@code password}, such as {@code sslpassword}).
 *
 * @param scheme   lower-case scheme without the colon
 * @param location everything between the colon and the {@code ?}, possibly empty
 * @param options  the query's options, in the order given
 */
public record StoreSpec(String scheme, String location, Map<String, String> options) {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]*");
    private static final Set<String> SECRET_OPTIONS = Set.of("password", "secret", "passphrase", "token");

    /**
     * Checks the scheme and copies the options, keeping their order.
     *
     * @param scheme   lower-case scheme without the colon, such as {@code sqlite}
     * @param location everything between the colon and the {@code ?}, possibly empty
     * @param options  the options, in the order given; not percent-decoded again
     * @throws IllegalArgumentException if the scheme is malformed
     */
    public StoreSpec {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(location, "location");
        if (!SCHEME.matcher(scheme).matches()) {
            throw new IllegalArgumentException("store scheme '" + scheme + "' is not a valid URI scheme");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
    }

    /**
     * Parses a store URI. Error messages never show a secret option's value.
     *
     * @param uri the URI, such as {@code sqlite:./data/app.db?synchronous=full}
     * @return the spec, with the scheme lower-cased and option names and values percent-decoded
     * @throws StoreConfigurationException if it has no scheme, a malformed scheme or a malformed option
     */
    public static StoreSpec parse(String uri) {
        Objects.requireNonNull(uri, "store URI");
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new StoreConfigurationException(
                    "store URI '" + redact(uri) + "' has no scheme; expected for example 'memory:' or 'sqlite:./app.db'");
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEME.matcher(scheme).matches()) {
            throw new StoreConfigurationException("store URI '" + redact(uri) + "' has a malformed scheme '" + scheme + "'");
        }
        String rest = uri.substring(colon + 1);
        int q = rest.indexOf('?');
        String location = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> options = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < rest.length()) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (name.isEmpty()) {
                    throw new StoreConfigurationException("store URI '" + redact(uri) + "' has an option without a name");
                }
                try {
                    name = URLDecoder.decode(name, StandardCharsets.UTF_8);
                    value = URLDecoder.decode(value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new StoreConfigurationException(
                            "store URI option '" + nameUnlessSecret(uri, name) + "' is not validly percent-encoded", e);
                }
                if (options.put(name, value) != null) {
                    throw new StoreConfigurationException(
                            "store URI option '" + nameUnlessSecret(uri, name) + "' is given twice");
                }
            }
        }
        return new StoreSpec(scheme, location, options);
    }

    /**
     * Looks up an option.
     *
     * @param name the option's name, case-sensitive
     * @return its decoded value (empty text for {@code ?name} without {@code =}), or empty when not given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * Looks up an option that has a default.
     *
     * @param name     the option's name, case-sensitive
     * @param fallback the value to use when the option is not given
     * @return its decoded value, or {@code fallback}
     */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /**
     * Reads a whole-number option and checks its range.
     *
     * @param name     the option's name, case-sensitive
     * @param fallback the value to use when the option is not given; not range-checked
     * @param min      the least value allowed
     * @param max      the greatest value allowed
     * @return the option's value within {@code [min, max]}, or {@code fallback}
     * @throws StoreConfigurationException naming the option, the range and the value found, if it is not a whole
     *                                     number or out of range
     */
    public long longOption(String name, long fallback, long min, long max) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new StoreConfigurationException(
                    "option '" + name + "' of store " + this + " must be a whole number, was '" + shown(name, raw) + "'");
        }
        if (value < min || value > max) {
            throw new StoreConfigurationException("option '" + name + "' of store " + this + " must be between "
                    + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /**
     * Reads a yes/no option; {@code true}, {@code yes}, {@code 1}, {@code on} and their opposites are accepted in
     * any case.
     *
     * @param name     the option's name, case-sensitive
     * @param fallback the value to use when the option is not given
     * @return the option's value, or {@code fallback}
     * @throws StoreConfigurationException naming the option and the value found, if it is neither
     */
    public boolean booleanOption(String name, boolean fallback) {
        String raw = options.get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new StoreConfigurationException(
                    "option '" + name + "' of store " + this + " must be true or false, was '" + shown(name, raw) + "'");
        };
    }

    /**
     * Rejects options this backend does not know, so that a typo is an error rather than a silent default.
     *
     * @param known every option name the backend reads
     * @throws StoreConfigurationException naming the unknown options and the known ones
     */
    public void requireKnownOptions(Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                // 'password=Tr0ub4dor&3xyz' splits the secret at its '&': the unknown option's name (and this
                // spec's toString, which shows it) may be the tail of a secret, so neither is shown then
                if (hasSecretOption()) {
                    throw new StoreConfigurationException("store " + scheme + ":" + location
                            + " has an unknown option (not shown because the URI carries a secret option, whose "
                            + "value may have been split at an unencoded '&'); a secret in a URI must be "
                            + "percent-encoded ('&' as %26, '+' as %2B, '%' as %25), or read from an environment "
                            + "variable or a file (for example passwordEnv or passwordFile); " + scheme
                            + ": knows " + new java.util.TreeSet<>(known));
                }
                throw new StoreConfigurationException("store " + this + " has unknown option '" + name
                        + "'; " + scheme + ": knows " + new java.util.TreeSet<>(known));
            }
        }
    }

    private boolean hasSecretOption() {
        return options.keySet().stream().anyMatch(StoreSpec::isSecret);
    }

    private static boolean isSecret(String option) {
        String lower = option.toLowerCase(Locale.ROOT);
        return SECRET_OPTIONS.contains(lower) || lower.endsWith("password");
    }

    /** The URI again, with secret option values replaced by {@code ***}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append(':').append(location);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=')
                    .append(shown(e.getKey(), e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String shown(String option, String value) {
        return isSecret(option) ? "***" : value;
    }

    private static String nameUnlessSecret(String uri, String name) {
        return !isSecret(name) && !redact(uri).equals(uri) ? "(name not shown: the URI carries a secret)" : name;
    }

    private static String redact(String uri) {
        // everything after a secret option is hidden: an unencoded '&' in the secret puts its tail there
        return uri.replaceAll("(?i)((?:[a-z]*password|secret|passphrase|token)=).*", "$1***");
    }
}

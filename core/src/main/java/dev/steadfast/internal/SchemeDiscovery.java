package dev.steadfast.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the one provider of a kind (store, transport) for a URI scheme with {@link ServiceLoader}. Never falls
 * back silently: no provider, two providers, or a provider that failed to load is an error or, when the wanted
 * scheme was found anyway, a logged warning. Not API.
 *
 * @param <P> the provider interface
 */
final class SchemeDiscovery<P> {
    /** Stops a class path with endlessly broken entries from looping forever. */
    private static final int MAX_FAILURES = 64;

    /**
     * What differs between kinds of provider.
     *
     * @param knownScheme the scheme a provider class serves, by class name, when known without loading it: lets
     *                    {@link #find} skip the providers of other schemes
     */
    record Kind<P>(Class<P> service, String noun, Function<P, String> scheme, Function<P, String> description,
                   Function<String, RuntimeException> error, Function<String, Optional<String>> knownScheme) {
    }

    private final Kind<P> kind;
    private final List<P> providers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final System.Logger logger;

    private SchemeDiscovery(Kind<P> kind, System.Logger logger) {
        this.kind = kind;
        this.logger = Objects.requireNonNull(logger, "logger");
    }

    static <P> SchemeDiscovery<P> scan(Kind<P> kind, ClassLoader loader, System.Logger logger) {
        SchemeDiscovery<P> discovery = new SchemeDiscovery<>(kind, logger);
        Iterator<P> it = ServiceLoader.load(kind.service(), loader).iterator();
        while (discovery.failures.size() < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                discovery.add(it.next());
            } catch (ServiceConfigurationError e) {
                discovery.failures.add(describe(e));
            }
        }
        return discovery;
    }

    /**
     * The single provider serving {@code scheme}, as {@link #scan} then {@link #select} would find it, but without
     * instantiating the providers {@link Kind#knownScheme} says serve another scheme: a command that opens a SQLite
     * store does not construct the encrypted-file or PostgreSQL provider, nor initialize what they use. Every other
     * provider is still instantiated, so a second provider of the same scheme is found, and a provider that fails
     * to load is still reported (but not a skipped one that would fail only when constructed). When none serves
     * the scheme, everything is scanned, so that the error lists every scheme found.
     *
     * @param shown how the URI is shown in messages (secrets hidden)
     */
    static <P> P find(Kind<P> kind, ClassLoader loader, System.Logger logger, String scheme, String shown) {
        SchemeDiscovery<P> discovery = new SchemeDiscovery<>(kind, logger);
        Iterator<ServiceLoader.Provider<P>> it = ServiceLoader.load(kind.service(), loader).stream().iterator();
        while (discovery.failures.size() < MAX_FAILURES) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<P> candidate = it.next();
                if (kind.knownScheme().apply(candidate.type().getName()).map(scheme::equals).orElse(true)) {
                    discovery.add(candidate.get());
                }
            } catch (ServiceConfigurationError e) {
                discovery.failures.add(describe(e));
            }
        }
        if (discovery.providers.stream().noneMatch(p -> scheme.equals(kind.scheme().apply(p)))) {
            return scan(kind, loader, logger).select(scheme, shown);
        }
        return discovery.select(scheme, shown);
    }

    /**
     * The single provider serving {@code scheme}.
     *
     * @param shown how the URI is shown in messages (secrets hidden)
     */
    P select(String scheme, String shown) {
        List<P> matching = providers.stream()
                .filter(p -> kind.scheme().apply(p).equals(scheme))
                .collect(Collectors.toList());
        if (matching.size() > 1) {
            throw kind.error().apply(matching.size() + " " + kind.noun() + " providers serve scheme '" + scheme
                    + "': " + matching.stream().map(this::name).collect(Collectors.joining(", "))
                    + "; keep exactly one of them on the class path" + failureSuffix());
        }
        if (matching.isEmpty()) {
            throw kind.error().apply(unknownSchemeMessage(scheme, shown));
        }
        for (String failure : failures) {
            logger.log(System.Logger.Level.WARNING, "Opening " + kind.noun() + " " + shown + " with "
                    + matching.get(0).getClass().getName() + ", but a " + kind.noun()
                    + " provider failed to load: " + failure);
        }
        return matching.get(0);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    private void add(P provider) {
        String scheme;
        try {
            scheme = kind.scheme().apply(provider);
        } catch (RuntimeException e) {
            failures.add(kind.noun() + " provider " + provider.getClass().getName() + " failed to name its scheme: "
                    + e);
            return;
        }
        if (scheme == null) {
            failures.add(kind.noun() + " provider " + provider.getClass().getName() + " names no scheme (null)");
            return;
        }
        providers.add(provider);
    }

    private String unknownSchemeMessage(String scheme, String shown) {
        StringBuilder sb = new StringBuilder("no ").append(kind.noun()).append(" provider serves scheme '")
                .append(scheme).append("' (").append(kind.noun()).append(' ').append(shown).append(')');
        FirstPartyArtifacts.forScheme(scheme).ifPresent(artifact ->
                sb.append("; add the dependency ").append(artifact).append(" to the class path"));
        if (providers.isEmpty()) {
            sb.append(". No ").append(kind.noun()).append(" providers were found on the class path");
        } else {
            TreeMap<String, List<String>> byScheme = new TreeMap<>();
            for (P p : providers) {
                byScheme.computeIfAbsent(kind.scheme().apply(p), s -> new ArrayList<>()).add(name(p));
            }
            sb.append(". Schemes found on the class path: ").append(byScheme.entrySet().stream()
                    .map(e -> "'" + e.getKey() + "' (" + String.join(", ", e.getValue()) + ")")
                    .collect(Collectors.joining(", ")));
        }
        return sb.append(failureSuffix()).toString();
    }

    private String failureSuffix() {
        if (failures.isEmpty()) {
            return "";
        }
        String noun = Character.toUpperCase(kind.noun().charAt(0)) + kind.noun().substring(1);
        return ". " + noun + " providers that failed to load: " + String.join("; ", failures);
    }

    private String name(P p) {
        String description;
        try {
            description = kind.description().apply(p);
        } catch (RuntimeException e) {
            description = null;
        }
        String className = p.getClass().getName();
        return description == null || description.equals(className) ? className : className + " - " + description;
    }

    private static String describe(ServiceConfigurationError e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null ? "" : " (" + cause + ")");
    }
}

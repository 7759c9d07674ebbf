package dev.steadfast.internal;

import dev.steadfast.spi.StoreConfigurationException;
import dev.steadfast.spi.StoreProvider;
import dev.steadfast.spi.StoreSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Finds the one {@link StoreProvider} for a scheme with {@link ServiceLoader}. Never falls back silently: no
 * provider, two providers, or a provider that failed to load is an error or, when the wanted scheme was found
 * anyway, a logged warning. Not API.
 */
public final class ProviderDiscovery {
    /** Stops a class path with endlessly broken entries from looping forever. */
    private static final int MAX_FAILURES = 64;

    private final List<StoreProvider> providers = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final System.Logger logger;

    private ProviderDiscovery(System.Logger logger) {
        this.logger = logger;
    }

    /**
     * Instantiates every provider {@code loader} lists, remembering the ones that fail.
     *
     * @param loader where to look for {@code META-INF/services/dev.steadfast.spi.StoreProvider}
     * @param logger where warnings about broken providers go when the wanted scheme is found anyway
     */
    public static ProviderDiscovery scan(ClassLoader loader, System.Logger logger) {
        ProviderDiscovery discovery = new ProviderDiscovery(Objects.requireNonNull(logger, "logger"));
        Iterator<StoreProvider> it = ServiceLoader.load(StoreProvider.class, loader).iterator();
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
     * The single provider serving {@code spec}'s scheme.
     *
     * @throws StoreConfigurationException if none or several serve it; the message lists the schemes found, the
     *                                     artifact to add and the providers that failed to load
     */
    public StoreProvider select(StoreSpec spec) {
        List<StoreProvider> matching = providers.stream()
                .filter(p -> p.scheme().equals(spec.scheme()))
                .collect(Collectors.toList());
        if (matching.size() > 1) {
            throw new StoreConfigurationException(matching.size() + " store providers serve scheme '"
                    + spec.scheme() + "': " + matching.stream().map(ProviderDiscovery::name)
                    .collect(Collectors.joining(", ")) + "; keep exactly one of them on the class path"
                    + failureSuffix());
        }
        if (matching.isEmpty()) {
            throw new StoreConfigurationException(unknownSchemeMessage(spec));
        }
        for (String failure : failures) {
            logger.log(System.Logger.Level.WARNING, "Opening store " + spec + " with "
                    + matching.get(0).getClass().getName() + ", but a store provider failed to load: " + failure);
        }
        return matching.get(0);
    }

    /** Descriptions of the providers that failed to load, in the order met. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void add(StoreProvider provider) {
        String scheme;
        try {
            scheme = provider.scheme();
        } catch (RuntimeException e) {
            failures.add("store provider " + provider.getClass().getName() + " failed to name its scheme: " + e);
            return;
        }
        if (scheme == null) {
            failures.add("store provider " + provider.getClass().getName() + " names no scheme (null)");
            return;
        }
        providers.add(provider);
    }

    private String unknownSchemeMessage(StoreSpec spec) {
        StringBuilder sb = new StringBuilder("no store provider serves scheme '").append(spec.scheme())
                .append("' (store ").append(spec).append(')');
        FirstPartyArtifacts.forScheme(spec.scheme()).ifPresent(artifact ->
                sb.append("; add the dependency ").append(artifact).append(" to the class path"));
        if (providers.isEmpty()) {
            sb.append(". No store providers were found on the class path");
        } else {
            TreeMap<String, List<String>> byScheme = new TreeMap<>();
            for (StoreProvider p : providers) {
                byScheme.computeIfAbsent(p.scheme(), s -> new ArrayList<>()).add(name(p));
            }
            sb.append(". Schemes found on the class path: ").append(byScheme.entrySet().stream()
                    .map(e -> "'" + e.getKey() + "' (" + String.join(", ", e.getValue()) + ")")
                    .collect(Collectors.joining(", ")));
        }
        return sb.append(failureSuffix()).toString();
    }

    private String failureSuffix() {
        return failures.isEmpty() ? "" : ". Store providers that failed to load: " + String.join("; ", failures);
    }

    private static String name(StoreProvider p) {
        String description;
        try {
            description = p.description();
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

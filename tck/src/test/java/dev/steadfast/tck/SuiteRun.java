package dev.steadfast.tck;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The outcome of running one kit subclass through the JUnit Platform launcher, by test key: {@code Group.method}
 * for a test method ({@code method} outside a nested group), and for a dynamic test both {@code Group.factory[display name]} and {@code Group.factory}.
 */
final class SuiteRun implements TestExecutionListener {
    final Set<String> passed = new TreeSet<>();
    final Map<String, Throwable> failed = new TreeMap<>();
    final Set<String> aborted = new TreeSet<>();

    static SuiteRun of(Class<?> suite) {
        return run(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(suite)).build());
    }

    /**
     * Runs every group but the model test, which shrinks each failure by replaying it and so costs most on a
     * broken store; {@code TckSelfTest} runs the model group against the broken stores on its own.
     */
    static SuiteRun withoutModel(Class<? extends StoreTck> suite) {
        PostDiscoveryFilter notModel = d -> FilterResult.includedIf(
                !d.getUniqueId().toString().contains("[nested-class:Model]"));
        return run(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(suite))
                .filters(notModel).build());
    }

    /** Runs only the nested groups named (simple names such as {@code "Model"}) of a kit subclass. */
    static SuiteRun of(Class<? extends StoreTck> suite, String... groups) {
        UniqueId kit = UniqueId.forEngine("junit-jupiter").append("class", suite.getName());
        return run(LauncherDiscoveryRequestBuilder.request().selectors(Arrays.stream(groups)
                .map(g -> DiscoverySelectors.selectUniqueId(kit.append("nested-class", g))).toList()).build());
    }

    private static SuiteRun run(LauncherDiscoveryRequest request) {
        Launcher launcher = LauncherFactory.create();
        SuiteRun run = new SuiteRun();
        launcher.execute(request, run);
        return run;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        String group = null;
        String method = null;
        boolean dynamic = false;
        for (UniqueId.Segment segment : UniqueId.parse(id.getUniqueId()).getSegments()) {
            switch (segment.getType()) {
                case "nested-class" -> group = segment.getValue();
                case "method", "test-factory" -> method = segment.getValue().replaceAll("\\(.*\\)$", "");
                case "dynamic-test" -> dynamic = true;
                default -> { }
            }
        }
        String key = group == null ? method : group + "." + method;
        switch (result.getStatus()) {
            case SUCCESSFUL -> passed.add(dynamic ? key + "[" + id.getDisplayName() + "]" : key);
            case ABORTED -> aborted.add(key);
            case FAILED -> {
                Throwable cause = result.getThrowable().orElse(null);
                failed.put(key, cause);
                if (dynamic) {
                    failed.put(key + "[" + id.getDisplayName() + "]", cause);
                }
            }
        }
    }

    /** The number of tests that ran, whatever their outcome. */
    int total() {
        return passed.size() + failed.size() + aborted.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(passed.size() + " passed, " + aborted.size() + " aborted, failed:");
        failed.forEach((k, t) -> sb.append("\n  ").append(k).append(": ").append(t));
        return sb.toString();
    }
}

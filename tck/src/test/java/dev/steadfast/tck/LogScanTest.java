package dev.steadfast.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class LogScanTest {
    @Test
    void markedSecretsKeysetMaterialAndUnredactedSecretOptionsAreViolations() {
        assertNotNull(LogScan.violation("wrote payload-" + LogScan.MARKER + "-1"));
        assertNotNull(LogScan.violation("keyset {\"primaryKeyId\":1,\"key\":[{\"keyData\":{\"keyValue\":\"AbC\"}}]}"));
        assertNotNull(LogScan.violation("store postgresql://db/app?user=svc&password=hunter2 refused"));
        assertNotNull(LogScan.violation("opening secret=abc"));
    }

    @Test
    void ordinaryAndRedactedLinesPass() {
        assertNull(LogScan.violation("store opened: scheme sqlite, location ./app.db, durable, format version 1"));
        assertNull(LogScan.violation("store postgresql://db/app?user=svc&password=*** refused"));
        assertNull(LogScan.violation("read the password from a file (passwordFile) or the environment"));
        assertNull(LogScan.violation("takeover refused (invalid_token): fence 'jobs' owner 'b' epoch 3"));
    }

    @Test
    void aTestClassThatLogsAMarkedSecretFails() {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(LogsAMarkedSecret.class)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        result.getThrowable().ifPresent(failures::add);
                    }
                });
        assertEquals(1, failures.size(), failures::toString);
        String message = failures.get(0).getMessage();
        assertTrue(message.contains("marked test secret") && message.contains("dev.steadfast.test"), message);
    }

    /** Run only through the launcher above; logs what the scan must catch. */
    @ExtendWith(LogScan.class)
    static class LogsAMarkedSecret {
        @Test
        void logsAPayload() {
            System.getLogger("dev.steadfast.test").log(System.Logger.Level.DEBUG,
                    "wrote payload-" + LogScan.MARKER + "-2");
        }
    }
}

package dev.steadfast.transport.tcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the JDK's keytool at test time: a cluster key pair for 127.0.0.1 and a stranger's key
 * pair nobody trusts, PKCS12 with one password. The cluster's keystore is its truststore too: the JDK trusts the
 * certificate of a key entry, which saves the export and import (keytool runs cost seconds on a loaded machine).
 */
final class Certificates {
    static final String PASSWORD = "changeit-test";
    final Path node;
    final Path trust;
    final Path stranger;

    private static Certificates shared;

    /** One set for the whole test JVM, in a temporary directory removed at exit. */
    static synchronized Certificates shared() throws IOException, InterruptedException {
        if (shared == null) {
            Path dir = java.nio.file.Files.createTempDirectory("steadfast-tls-");
            shared = generate(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path p : List.of(shared.node, shared.stranger, dir)) {
                    p.toFile().delete();
                }
            }));
        }
        return shared;
    }

    private Certificates(Path dir) {
        this.node = dir.resolve("node.p12");
        this.trust = node;
        this.stranger = dir.resolve("stranger.p12");
    }

    static Certificates generate(Path dir) throws IOException, InterruptedException {
        Certificates c = new Certificates(dir);
        Process node = keytool("node", c.node);
        Process stranger = keytool("stranger", c.stranger);
        await(node);
        await(stranger);
        return c;
    }

    /** A {@code tcp://} URI for a node: its key, the cluster truststore, mutual TLS. */
    String uri(Path keystore) {
        return "tcp://127.0.0.1:0?keystore=" + keystore + "&keystorePassword=" + PASSWORD + "&truststore=" + trust
                + "&truststorePassword=" + PASSWORD + "&clientAuth=true&backoffMillis=0";
    }

    private static Process keytool(String alias, Path keystore) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + alias, "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void await(Process p) throws IOException, InterruptedException {
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}

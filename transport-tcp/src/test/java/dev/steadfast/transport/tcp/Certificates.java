package dev.steadfast.transport.tcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with the JDK's keytool at test time: a cluster key pair for 127.0.0.1, a truststore holding
 * its certificate, and a stranger's key pair nobody trusts. PKCS12, one password.
 */
final class Certificates {
    static final String PASSWORD = "changeit-test";
    final Path node;
    final Path trust;
    final Path stranger;

    private Certificates(Path dir) {
        this.node = dir.resolve("node.p12");
        this.trust = dir.resolve("trust.p12");
        this.stranger = dir.resolve("stranger.p12");
    }

    static Certificates generate(Path dir) throws IOException, InterruptedException {
        Certificates c = new Certificates(dir);
        c.keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", c.node.toString());
        c.keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=stranger", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                c.stranger.toString());
        Path cer = dir.resolve("node.cer");
        c.keytool("-exportcert", "-alias", "node", "-keystore", c.node.toString(), "-file", cer.toString());
        c.keytool("-importcert", "-noprompt", "-alias", "node", "-file", cer.toString(), "-storetype", "PKCS12",
                "-keystore", c.trust.toString());
        return c;
    }

    /** A {@code tcp://} URI for a node: its key, the cluster truststore, mutual TLS. */
    String uri(Path keystore) {
        return "tcp://127.0.0.1:0?keystore=" + keystore + "&keystorePassword=" + PASSWORD + "&truststore=" + trust
                + "&truststorePassword=" + PASSWORD + "&clientAuth=true&backoffMillis=0";
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}

package dev.steadfast.backend.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority made with {@code openssl} for the TLS tests: a trusted CA, a server
 * certificate issued to {@code localhost} only (so connecting to {@code 127.0.0.1} is a host-name mismatch), a
 * client certificate for {@link #CLIENT_USER} with its key as PKCS-8 DER (the form pgjdbc reads), and a second,
 * untrusted CA. EC P-256 keys keep generation fast.
 *
 * @param caCert        the trusted root
 * @param serverCert    issued to DNS name {@code localhost} by {@code caCert}
 * @param serverKey     its key
 * @param clientCert    issued to {@link #CLIENT_USER} by {@code caCert}
 * @param clientKey     its key, PKCS-8 DER
 * @param otherCaCert   a root that signed nothing here
 */
record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                        Path otherCaCert) {
    /** The database role the client certificate authenticates. */
    static final String CLIENT_USER = "steadfast_cert";

    /** Whether {@code openssl} can be run here. */
    static boolean opensslAvailable() {
        try {
            run(Path.of("."), "openssl", "version");
            return true;
        } catch (IllegalStateException | UncheckedIOException e) {
            return false;
        }
    }

    static TestCertificates generate(Path dir) {
        String ec = "ec:" + dir.resolve("p256.pem");
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-out", "p256.pem");
        selfSigned(dir, ec, "ca", "steadfast-test-ca");
        selfSigned(dir, ec, "other-ca", "steadfast-untrusted-ca");
        issued(dir, ec, "server", "localhost", "subjectAltName=DNS:localhost");
        issued(dir, ec, "client", CLIENT_USER, "keyUsage=digitalSignature");
        run(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-inform", "PEM", "-outform", "DER", "-in", "client.key",
                "-out", "client.pk8");
        return new TestCertificates(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("client.crt"), dir.resolve("client.pk8"), dir.resolve("other-ca.crt"));
    }

    /**
     * The client key again, PKCS-8 DER encrypted under {@code password} (PBE-SHA1-3DES, which the JDK decrypts by
     * name), for {@code sslpassword}.
     */
    Path encryptedClientKey(String password) {
        Path dir = clientKey.getParent();
        run(dir, "openssl", "pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-passout", "pass:" + password, "-inform",
                "PEM", "-outform", "DER", "-in", "client.key", "-out", "client-encrypted.pk8");
        return dir.resolve("client-encrypted.pk8");
    }

    private static void selfSigned(Path dir, String key, String name, String cn) {
        run(dir, "openssl", "req", "-x509", "-newkey", key, "-nodes", "-keyout", name + ".key", "-out", name + ".crt",
                "-days", "2", "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void issued(Path dir, String key, String name, String cn, String extension) {
        try {
            Files.writeString(dir.resolve(name + ".ext"), extension + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(dir, "openssl", "req", "-newkey", key, "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + cn);
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    private static void run(Path dir, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}

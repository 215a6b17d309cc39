package io.pgdbm.junit.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA, a server certificate and client certificates made with {@code openssl} at test time. The server's key
 * is given to the user that runs PostgreSQL (mode 0600), which PostgreSQL insists on.
 */
final class TestCertificates {
    static final String KEY_PASSWORD = "k3y pass@word";

    final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA, a server certificate whose SAN is {@code serverNames} and a client certificate for {@code clientUser}. */
    static TestCertificates create(String serverUser, String clientUser, String... serverNames) throws IOException {
        Path dir = Files.createTempDirectory("pgdbm-tls");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestCertificates certs = new TestCertificates(dir);
        certs.ca("ca");
        certs.ca("other-ca");
        List<String> san = new ArrayList<>();
        for (String name : serverNames) {
            san.add(name.matches("[0-9.]+") ? "IP:" + name : "DNS:" + name);
        }
        certs.signed("server", "ca", serverNames[0], "subjectAltName=" + String.join(",", san));
        certs.signed("client", "ca", clientUser, "basicConstraints=CA:FALSE");
        certs.signed("stranger", "other-ca", clientUser, "basicConstraints=CA:FALSE");
        certs.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client.key", "-out", "client.pk8.pem");
        // PBE-SHA1-3DES: an encryption the JDK's EncryptedPrivateKeyInfo can open with the driver's sslpassword
        certs.openssl("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-passout", "pass:" + KEY_PASSWORD, "-in", "client.key",
                "-out", "client.enc.pk8.pem");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        for (String file : List.of("ca.pem", "server.pem")) {
            Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        if (isRoot()) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir.resolve("server.key"), users.lookupPrincipalByName(serverUser));
        }
        return certs;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    private void ca(String name) throws IOException {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=pgdbm test " + name,
                "-keyout", name + ".key", "-out", name + ".pem");
    }

    private void signed(String name, String ca, String commonName, String extension) throws IOException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + commonName, "-keyout", name + ".key",
                "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n", StandardCharsets.UTF_8);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    void delete() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}

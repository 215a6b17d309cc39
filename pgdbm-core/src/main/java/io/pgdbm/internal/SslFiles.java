package io.pgdbm.internal;

import io.pgdbm.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The JDBC driver reads client keys as PKCS#8 DER; users usually have PEM. This converts a PEM PKCS#8 key
 * (plain or encrypted) to a private temporary DER file and refuses the old PKCS#1 form with the command that
 * converts it.
 */
public final class SslFiles {
    private SslFiles() {
    }

    public static Path driverKeyFile(Path key) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(key);
            text = new String(bytes, StandardCharsets.US_ASCII);
            if (!text.contains("-----BEGIN")) {
                return key;
            }
        } catch (IOException e) {
            throw new ConfigurationException("sslKeyFile", "cannot read the client key " + key + ": " + e.getMessage(), e);
        }
        if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
            throw new ConfigurationException("sslKeyFile", "the client key " + key + " is in the traditional (PKCS#1/SEC1) "
                    + "PEM form; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + key + " -out client.pk8.pem");
        }
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            Path der = Files.createTempFile("pgdbm-client-key", ".pk8",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            der.toFile().deleteOnExit();
            Files.write(der, Base64.getDecoder().decode(body));
            return der;
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("sslKeyFile", "cannot convert the client key " + key + " to PKCS#8 DER: " + e.getMessage(), e);
        }
    }
}

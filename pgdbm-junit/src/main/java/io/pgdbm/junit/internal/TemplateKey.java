package io.pgdbm.junit.internal;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a template database: a SHA-256 over its preparer (identity and fingerprint), the modules in
 * dependency order (name, schema, each location's files with their checksums), pgdbm's version and the server's
 * major version. Any changed input gives a new template. The layout (the same without the content: the preparer's
 * identity, the modules' names, schemas and locations) names the family whose older templates are collected.
 */
record TemplateKey(String name, String layout) {

    static final String VERSION = "pgdbm-junit/0.1";

    static TemplateKey of(TemplateSpec spec, int serverVersionNum) {
        MessageDigest content = sha256();
        MessageDigest layout = sha256();
        update(content, VERSION, "pg" + serverVersionNum / 10000);
        update(layout, VERSION);
        if (spec.preparer() != null) {
            TemplatePreparer preparer = spec.preparer();
            String identity;
            FingerprintDigest fingerprint = new FingerprintDigest();
            try {
                identity = preparer.identity();
                preparer.fingerprint(fingerprint);
            } catch (RuntimeException e) {
                throw new PgdbmException("Could not fingerprint the template preparer " + preparer + ": "
                        + e.getMessage(), e);
            }
            update(content, "preparer", identity, fingerprint.hex());
            update(layout, "preparer", identity);
        }
        for (Module m : spec.modules()) {
            update(content, "module", m.name(), String.valueOf(m.schema()));
            update(layout, "module", m.name(), String.valueOf(m.schema()));
            for (String location : m.locations()) {
                update(layout, "location", location);
                for (Migration file : MigrationManager.discover(location)) {
                    update(content, file.filename(), file.checksum());
                }
                update(content, "end-of-location");
            }
        }
        HexFormat hex = HexFormat.of();
        return new TemplateKey(Names.template(hex.formatHex(content.digest())), hex.formatHex(layout.digest()).substring(0, 16));
    }

    /** The database comment that marks a template's family. */
    String comment() {
        return Names.TEMPLATE_MARKER + layout;
    }

    private static void update(MessageDigest md, String... parts) {
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

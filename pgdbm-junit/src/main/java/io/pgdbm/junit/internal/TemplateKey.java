package io.pgdbm.junit.internal;

import io.pgdbm.migration.Migration;
import io.pgdbm.migration.MigrationManager;
import io.pgdbm.migration.Module;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a template database: a SHA-256 over the modules in dependency order (name, schema, each
 * location's files with their checksums), pgdbm's version and the server's major version. Any changed file gives
 * a new template. The layout (the same without the files) names the family whose older templates are collected.
 */
record TemplateKey(String name, String layout) {

    static final String VERSION = "pgdbm-junit/0.1";

    static TemplateKey of(List<Module> modules, int serverVersionNum) {
        MessageDigest content = sha256();
        MessageDigest layout = sha256();
        update(content, VERSION, "pg" + serverVersionNum / 10000);
        update(layout, VERSION);
        for (Module m : modules) {
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

package io.pgdbm.junit.preparers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.TemplatePreparer;
import io.pgdbm.junit.internal.FingerprintDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TemplatePreparer.flyway on a realistic Flyway migration set (db/flyway/shop: versioned V1…V20 with V1_1, a Java
 * migration V12, a repeatable view, placeholders, $$ and BEGIN ATOMIC bodies, an enum value added and then used, an
 * afterMigrate callback), run on a database of its own.
 */
class FlywayPreparerTest {
    static final String SHOP = "classpath:db/flyway/shop";
    static final Map<String, String> SHOP_CONFIG = Map.of("flyway.locations", SHOP,
            "flyway.placeholders.app_user", "shop-app");

    @Test
    void migratesTheWholeSetQuietlyAndLeavesNoConnectionOpen() throws Exception {
        TemplatePreparer flyway = TemplatePreparer.flyway(SHOP_CONFIG);
        try (ScratchDatabase db = new ScratchDatabase()) {
            String console = ConsoleCapture.of(() -> flyway.prepare(db.dataSource()));

            assertThat(ConsoleCapture.loudLines(console)).as("Flyway's progress lines are not INFO").isEmpty();
            assertThat(db.sessions()).as("connections Flyway left open").isZero();
            assertThat(db.column("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank")).containsExactly("1", "1.1", "2", "3", "4", "5", "6", "7", "8", "9",
                    "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20");
            assertThat(db.queryOne("SELECT type FROM flyway_schema_history WHERE version = '12'")).isEqualTo("JDBC");
            assertThat(db.queryOne("SELECT description FROM flyway_schema_history WHERE version IS NULL"))
                    .isEqualTo("order summary view");
            assertThat(db.column("SELECT unnest(enum_range(NULL::order_status))::text"))
                    .containsExactly("new", "paid", "shipped", "cancelled");
            assertThat(db.queryOne("SELECT indexdef FROM pg_indexes WHERE indexname = 'orders_cancelled'"))
                    .contains("'cancelled'::order_status");
            assertThat(db.column("SELECT slug FROM products ORDER BY sku")).containsExactly("tea-pot", "cup-white");
            assertThat(db.queryOne("SELECT line_amount(3, 250)")).isEqualTo("750");
            assertThat(db.queryOne("SELECT count(*) FROM order_summary")).isEqualTo("0");
            assertThat(db.queryOne("SELECT actor || ':' || what FROM audit.events")).isEqualTo("shop-app:migrated");
            assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name")).containsExactly("addresses", "coupons",
                    "customers", "flyway_schema_history", "order_lines", "order_status_history", "orders", "products",
                    "shipments");
        }
    }

    @Test
    void fingerprintCoversTheToolTheSettingsAndEveryFileUnderTheLocation() {
        List<String> lines = RecordingFingerprint.of(TemplatePreparer.flyway(SHOP_CONFIG));

        assertThat(lines.get(0)).matches("add flyway \\| 13\\.12\\.1 \\| 13\\.12\\.1");
        assertThat(lines).contains("add flyway.locations | " + SHOP, "add flyway.placeholders.app_user | shop-app",
                "location " + SHOP);
        RecordingFingerprint f = new RecordingFingerprint();
        TemplatePreparer.flyway(SHOP_CONFIG).fingerprint(f);
        assertThat(f.files()).contains("V1__create_customers.sql", "V1_1__customers_email_lower.sql",
                "R__order_summary_view.sql", "afterMigrate.sql", "V12__Fill_product_slugs.class");
        assertThat(RecordingFingerprint.of(TemplatePreparer.flyway(SHOP_CONFIG))).as("the same set again").isEqualTo(lines);
        assertThat(RecordingFingerprint.of(TemplatePreparer.flyway(Map.of("flyway.locations", SHOP,
                "flyway.placeholders.app_user", "other")))).as("another placeholder value").isNotEqualTo(lines);
    }

    @Test
    void aChangedFileChangesTheFingerprintAndNothingElseDoes(@TempDir Path dir) throws IOException {
        copy(Path.of("target/test-classes/db/flyway/shop"), dir);
        TemplatePreparer flyway = TemplatePreparer.flyway("filesystem:" + dir);
        String before = digest(flyway);

        assertThat(digest(TemplatePreparer.flyway("filesystem:" + dir))).isEqualTo(before);
        Path v5 = dir.resolve("V5__create_order_lines.sql");
        String original = Files.readString(v5);
        Files.writeString(v5, original + "\n-- a comment changes the checksum\n");
        assertThat(digest(flyway)).isNotEqualTo(before);
        Files.writeString(v5, original);
        assertThat(digest(flyway)).as("changed back").isEqualTo(before);
        Files.writeString(dir.resolve("V21__new.sql"), "SELECT 1;");
        assertThat(digest(flyway)).as("a file added").isNotEqualTo(before);
    }

    @Test
    void aFailingMigrationNamesThePreparerTheFileAndKeepsFlywaysMessage() throws Exception {
        TemplatePreparer flyway = TemplatePreparer.flyway("classpath:db/flyway/broken");
        try (ScratchDatabase db = new ScratchDatabase()) {
            assertThatThrownBy(() -> flyway.prepare(db.dataSource()))
                    .isInstanceOf(PgdbmException.class)
                    .hasMessageContaining("flyway [classpath:db/flyway/broken] could not migrate the template database")
                    .hasMessageContaining("V2__typo.sql")
                    .hasMessageContaining("relation \"missing_table\" does not exist");
            assertThat(db.sessions()).isZero();
        }
    }

    @Test
    void aMissingLocationIsAnError() throws Exception {
        TemplatePreparer flyway = TemplatePreparer.flyway("classpath:db/flyway/no_such_dir");
        try (ScratchDatabase db = new ScratchDatabase()) {
            assertThatThrownBy(() -> flyway.prepare(db.dataSource())).isInstanceOf(PgdbmException.class)
                    .hasMessageContaining("flyway [classpath:db/flyway/no_such_dir]")
                    .hasMessageContaining("no_such_dir");
        }
    }

    @Test
    void identityNamesTheLocationsAndOtherSettings() {
        assertThat(TemplatePreparer.flyway().identity()).isEqualTo("flyway [classpath:db/migration]");
        assertThat(TemplatePreparer.flyway("classpath:a", "filesystem:/tmp/b").identity())
                .isEqualTo("flyway [classpath:a, filesystem:/tmp/b]");
        assertThat(TemplatePreparer.flyway(SHOP_CONFIG).identity())
                .isEqualTo("flyway [" + SHOP + "] {flyway.placeholders.app_user=shop-app}");
        assertThat(TemplatePreparer.flyway(Map.of("flyway.placeholders.api_password", "hunter2")).identity())
                .isEqualTo("flyway [classpath:db/migration] {flyway.placeholders.api_password=***}");
    }

    @Test
    void connectionSettingsAreRefused() {
        assertThatThrownBy(() -> TemplatePreparer.flyway(Map.of("flyway.url", "jdbc:postgresql://elsewhere/db")))
                .isInstanceOf(PgdbmException.class).hasMessageContaining("remove flyway.url");
    }

    /** The fingerprint as pgdbm hashes it. */
    static String digest(TemplatePreparer preparer) {
        FingerprintDigest digest = new FingerprintDigest();
        preparer.fingerprint(digest);
        return digest.hex();
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}

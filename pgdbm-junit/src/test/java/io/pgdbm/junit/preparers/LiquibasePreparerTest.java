package io.pgdbm.junit.preparers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.PgdbmException;
import io.pgdbm.junit.TemplatePreparer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TemplatePreparer.liquibase on a realistic changelog (db/liquibase/shop: a YAML master with include, includeAll,
 * an include outside its directory, XML and formatted-SQL changesets, preconditions, contexts and a changelog
 * parameter), run on a database of its own.
 */
class LiquibasePreparerTest {
    static final String SHOP = "classpath:db/liquibase/shop/changelog-master.yaml";
    static final Map<String, String> TEST_CONTEXT = Map.of("contexts", "test", "parameters.owner", "shop-team");

    @Test
    void updatesTheWholeChangelogQuietlyAndLeavesNoConnectionOpen() throws Exception {
        TemplatePreparer liquibase = TemplatePreparer.liquibase(SHOP, TEST_CONTEXT);
        try (ScratchDatabase db = new ScratchDatabase()) {
            String console = ConsoleCapture.of(() -> liquibase.prepare(db.dataSource()));

            assertThat(ConsoleCapture.loudLines(console)).as("Liquibase's console output and INFO log").isEmpty();
            assertThat(db.sessions()).as("connections Liquibase left open").isZero();
            assertThat(db.column("SELECT id || ' ' || exectype FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("1 EXECUTED", "2 EXECUTED", "3 EXECUTED", "4 MARK_RAN", "audit-1 EXECUTED",
                            "status-type EXECUTED", "orders-status EXECUTED", "order-total-function EXECUTED",
                            "owner-comment EXECUTED", "test-data EXECUTED");
            assertThat(db.queryOne("SELECT filename FROM databasechangelog WHERE id = 'audit-1'"))
                    .isEqualTo("db/liquibase/common/audit.xml");
            assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " ORDER BY table_name")).containsExactly("audit_events", "customers", "databasechangelog",
                    "databasechangeloglock", "orders", "products");
            assertThat(db.column("SELECT unnest(enum_range(NULL::order_status))::text")).containsExactly("new", "paid", "shipped");
            assertThat(db.queryOne("SELECT order_count(1)")).isEqualTo("0");
            assertThat(db.queryOne("SELECT obj_description('orders'::regclass)")).isEqualTo("orders of shop-team");
            assertThat(db.queryOne("SELECT title FROM products WHERE sku = 'SKU-TEST'")).isEqualTo("Test product");
            assertThat(db.queryOne("SELECT locked::text FROM databasechangeloglock")).isEqualTo("false");
        }
    }

    @Test
    void contextsSelectTheChangesets() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            TemplatePreparer.liquibase(SHOP, Map.of("contexts", "dev")).prepare(db.dataSource());

            assertThat(db.queryOne("SELECT count(*) FROM products")).as("test-data only in context test").isEqualTo("0");
            assertThat(db.queryOne("SELECT to_regclass('dev_scratch')::text")).isEqualTo("dev_scratch");
        }
    }

    @Test
    void defaultSchemaPutsTheTablesThere() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase()) {
            db.execute("CREATE SCHEMA shop");
            TemplatePreparer.liquibase("classpath:/db/liquibase/shop/tables.xml", Map.of("default-schema", "shop"))
                    .prepare(db.dataSource());

            assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop'"
                    + " ORDER BY table_name")).containsExactly("customers", "databasechangelog", "databasechangeloglock",
                    "orders", "products");
        }
    }

    @Test
    void fingerprintCoversTheToolTheSettingsTheDirectoryAndIncludesOutsideIt() {
        RecordingFingerprint f = new RecordingFingerprint();
        TemplatePreparer.liquibase(SHOP, TEST_CONTEXT).fingerprint(f);

        assertThat(f.lines().get(0)).isEqualTo("add liquibase | 4.33.0");
        assertThat(f.lines()).contains("add contexts | test", "add parameters.owner | shop-team",
                "location classpath:db/liquibase/shop");
        assertThat(f.files()).contains("classpath:db/liquibase/shop/changelog-master.yaml", "tables.xml",
                "changes/001-order-status.sql", "changes/002-order-total.sql",
                "classpath:db/liquibase/common/audit.xml");
        assertThat(RecordingFingerprint.of(TemplatePreparer.liquibase("db/liquibase/shop/changelog-master.yaml",
                TEST_CONTEXT))).as("classpath: is optional").isEqualTo(f.lines());
        assertThat(RecordingFingerprint.of(TemplatePreparer.liquibase(SHOP))).isNotEqualTo(f.lines());
    }

    @Test
    void aChangedFileChangesTheFingerprintAndNothingElseDoes(@TempDir Path dir) throws IOException {
        FlywayPreparerTest.copy(Path.of("target/test-classes/db/liquibase"), dir);
        Path master = dir.resolve("shop/changelog-master.yaml");
        // a file changelog: the shared file is reached relative to it
        Files.writeString(master, Files.readString(master).replace("file: db/liquibase/common/audit.xml",
                "file: ../common/audit.xml\n      relativeToChangelogFile: true"));
        TemplatePreparer liquibase = TemplatePreparer.liquibase(master.toString());
        String before = FlywayPreparerTest.digest(liquibase);

        assertThat(FlywayPreparerTest.digest(TemplatePreparer.liquibase("file:" + master))).isEqualTo(before);
        for (Path changed : List.of(dir.resolve("shop/changes/002-order-total.sql"), dir.resolve("common/audit.xml"),
                master)) {
            String original = Files.readString(changed);
            Files.writeString(changed, original + "\n");
            assertThat(FlywayPreparerTest.digest(liquibase)).as("changed %s", changed).isNotEqualTo(before);
            Files.writeString(changed, original);
            assertThat(FlywayPreparerTest.digest(liquibase)).as("changed back").isEqualTo(before);
        }
        Files.writeString(dir.resolve("broken/changelog.yaml"), "# not included anywhere\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(FlywayPreparerTest.digest(liquibase)).as("a file outside what the changelog reads").isEqualTo(before);
    }

    @Test
    void includesOutsideTheDirectoryAreFollowedThroughXmlYamlAndJson(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("service"));
        Files.createDirectories(dir.resolve("shared/more"));
        Files.writeString(dir.resolve("service/master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <include file="../shared/a.yaml" relativeToChangelogFile="true"/>
                    <includeAll path="../shared/more/" relativeToChangelogFile="true"/>
                    <include file="local.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        Files.writeString(dir.resolve("service/local.sql"), "--liquibase formatted sql\n");
        Files.writeString(dir.resolve("shared/a.yaml"), "databaseChangeLog:\n  - include:\n      file: b.json\n"
                + "      relativeToChangelogFile: true\n");
        Files.writeString(dir.resolve("shared/b.json"), "{\"databaseChangeLog\": []}");
        Files.writeString(dir.resolve("shared/more/1.sql"), "--liquibase formatted sql\n");
        Files.writeString(dir.resolve("shared/unused.sql"), "--liquibase formatted sql\n");

        RecordingFingerprint f = new RecordingFingerprint();
        TemplatePreparer.liquibase(dir.resolve("service/master.xml").toString()).fingerprint(f);

        assertThat(f.lines()).contains("location " + dir.resolve("service"), "location " + dir.resolve("shared/more"));
        assertThat(f.files()).containsExactlyInAnyOrder(dir.resolve("service/master.xml").toString(), "master.xml",
                "local.sql", dir.resolve("shared/a.yaml").toString(), dir.resolve("shared/b.json").toString(), "1.sql");
    }

    @Test
    void aFileChangelogRunsFromItsDirectory(@TempDir Path dir) throws Exception {
        FlywayPreparerTest.copy(Path.of("target/test-classes/db/liquibase/shop"), dir);
        Path master = dir.resolve("changelog-master.yaml");
        Files.writeString(master, Files.readString(master).replace("  - include:\n      file: db/liquibase/common/audit.xml\n", ""));
        try (ScratchDatabase db = new ScratchDatabase()) {
            TemplatePreparer.liquibase(master.toString()).prepare(db.dataSource());

            assertThat(db.queryOne("SELECT count(*) FROM databasechangelog")).as("no contexts: all").isEqualTo("10");
            assertThat(db.queryOne("SELECT to_regclass('orders')::text")).isEqualTo("orders");
        }
    }

    @Test
    void aFailingChangesetNamesThePreparerTheChangesetAndKeepsLiquibasesMessage() throws Exception {
        TemplatePreparer liquibase = TemplatePreparer.liquibase("db/liquibase/broken/changelog.yaml");
        try (ScratchDatabase db = new ScratchDatabase()) {
            String console = ConsoleCapture.of(() -> assertThatThrownBy(() -> liquibase.prepare(db.dataSource()))
                    .isInstanceOf(PgdbmException.class)
                    .hasMessageContaining("liquibase classpath:db/liquibase/broken/changelog.yaml could not update"
                            + " the template database")
                    .hasMessageContaining("db/liquibase/broken/changelog.yaml::typo::broken")
                    .hasMessageContaining("relation \"missing_table\" does not exist"));
            assertThat(console).doesNotContain(" INFO ");
            assertThat(db.sessions()).isZero();
        }
    }

    @Test
    void aMissingChangelogOrAnUnknownSettingIsAnErrorAtOnce() {
        assertThatThrownBy(() -> TemplatePreparer.liquibase("classpath:db/liquibase/none.yaml"))
                .isInstanceOf(PgdbmException.class)
                .hasMessageContaining("Liquibase changelog classpath:db/liquibase/none.yaml not found on the class path");
        assertThatThrownBy(() -> TemplatePreparer.liquibase("db/liquibase/none.yaml"))
                .isInstanceOf(PgdbmException.class).hasMessageContaining("nor as the file");
        assertThatThrownBy(() -> TemplatePreparer.liquibase(SHOP, Map.of("context", "test")))
                .isInstanceOf(PgdbmException.class)
                .hasMessageContaining("Unknown Liquibase preparer setting context")
                .hasMessageContaining("[contexts, default-schema, labels, liquibase-schema]");
    }

    @Test
    void identityNamesTheChangelogAndSettings() {
        assertThat(TemplatePreparer.liquibase("db/liquibase/shop/changelog-master.yaml").identity())
                .isEqualTo("liquibase " + SHOP);
        assertThat(TemplatePreparer.liquibase(SHOP, Map.of("contexts", "test")).identity())
                .isEqualTo("liquibase " + SHOP + " {contexts=test}");
    }
}

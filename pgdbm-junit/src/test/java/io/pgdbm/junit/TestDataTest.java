package io.pgdbm.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

@PgdbmTest(migrations = SampleData.MIGRATIONS, schema = "app")
class TestDataTest {

    @Test
    void theSampleDataIsReadyToUse(DatabaseManager db) {
        SampleData.load(db);
        assertThat(TestData.countRows(db, "users")).isEqualTo(3);
        assertThat(TestData.countRows(db, "{{tables.projects}}")).isEqualTo(2);
        assertThat(TestData.countRows(db, "app.agents", "assigned_to IS NULL")).isEqualTo(2);
        assertThat(db.fetchValue(String.class, "SELECT u.email FROM {{tables.agents}} a JOIN {{tables.users}} u"
                + " ON u.id = a.assigned_to WHERE a.title = 'Setup CI/CD'")).isEqualTo("bob@example.com");
    }

    @Test
    void loadsJsonAndSqlFixturesInOrderWithTemplatedTableNames(DatabaseManager db) {
        Map<String, Integer> loaded = TestData.loadFixtures(db, "classpath:fixtures");
        assertThat(loaded).containsExactly(Map.entry("extra", -1), Map.entry("{{tables.users}}", 2),
                Map.entry("projects", 1));
        assertThat(db.fetchValue(Boolean.class, "SELECT is_active FROM {{tables.users}} WHERE email = 'grace@example.com'"))
                .isFalse();
        assertThat(db.fetchValue(Boolean.class, "SELECT is_active FROM {{tables.users}} WHERE email = 'ada@example.com'"))
                .as("a missing column gets NULL, not its default").isNull();
    }

    @Test
    void refusesBadTableAndColumnNames(DatabaseManager db) {
        assertThatThrownBy(() -> TestData.countRows(db, "users; DROP TABLE users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid table");
        assertThatThrownBy(() -> TestData.truncate(db, "a.b.c")).isInstanceOf(IllegalArgumentException.class);
        db.execute("CREATE TABLE {{tables.j}} (x int)");
        assertThatThrownBy(() -> TestData.loadFixtures(db, "classpath:fixtures/users.json/../nope"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshotsCompareTypedValuesOfEveryKind(DatabaseManager db) {
        db.execute("""
                CREATE TABLE {{tables.typed}} (id int PRIMARY KEY, at timestamptz, amount numeric(10, 3), doc jsonb,
                    tags text[], raw bytea);
                INSERT INTO {{tables.typed}} VALUES
                    (1, '2024-01-02 03:04:05.123456+00', 1.5, '{"b": 1, "a": [1, 2]}', '{x,y}', '\\x0102'),
                    (2, NULL, 0, 'null', '{}', NULL)""");
        TableSnapshot before = TestData.snapshotTable(db, "typed");
        TestData.assertTableUnchanged(db, before);
        db.execute("UPDATE {{tables.typed}} SET amount = 1.500 WHERE id = 1");   // same value, other scale
        TestData.assertTableUnchanged(db, before);

        db.execute("UPDATE {{tables.typed}} SET tags = '{x,z}' WHERE id = 1");
        assertThatThrownBy(() -> TestData.assertTableUnchanged(db, before)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("has changed!").hasMessageContaining("Added rows: 1")
                .hasMessageContaining("Removed rows: 1").hasMessageContaining("[x, z]");
    }

    @Test
    void orderedSnapshotsNoticeOnlyOrderChanges(DatabaseManager db) {
        SampleData.load(db);
        TableSnapshot before = TestData.snapshotTable(db, "users", "id DESC");
        TestData.assertTableUnchanged(db, before);
        db.execute("UPDATE {{tables.users}} SET full_name = 'A. Smith' WHERE email = 'alice@example.com'");
        assertThatThrownBy(() -> TestData.assertTableUnchanged(db, before)).hasMessageContaining("A. Smith");
        assertThatThrownBy(() -> TestData.snapshotTable(db, "users", "id; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncatesAndRestartsIdentities(DatabaseManager db) {
        SampleData.load(db);
        assertThatThrownBy(() -> TestData.truncate(db, "users")).hasStackTraceContaining("foreign key");
        TestData.truncateCascade(db, "users");
        assertThat(TestData.countRows(db, "agents")).isZero();
        SampleData.load(db);
        assertThat(db.fetchValue(Integer.class, "SELECT min(id) FROM {{tables.users}}")).isEqualTo(1);
    }
}

package io.pgdbm.examples.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmTest;
import io.pgdbm.migration.MigrationException;
import io.pgdbm.migration.MigrationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@PgdbmTest
class ExistingDatabaseTest {
    @TempDir
    Path dir;

    private String files() throws IOException {
        Files.writeString(dir.resolve("001_users.sql"), "CREATE TABLE {{tables.users}} (id int PRIMARY KEY);");
        Files.writeString(dir.resolve("002_orders.sql"), "CREATE TABLE {{tables.orders}} (id int PRIMARY KEY);");
        Files.writeString(dir.resolve("004_notes.sql"), "CREATE TABLE {{tables.notes}} (id int);");
        return dir.toString();
    }

    @Test
    void adoptsADatabaseBuiltWithoutPgdbmAndAppliesOnlyTheNewFiles(DatabaseManager db) throws IOException {
        String location = files();
        db.execute("CREATE TABLE users (id int PRIMARY KEY); CREATE TABLE orders (id int PRIMARY KEY)"); // built by psql

        MigrationResult first = ExistingDatabase.adopt(db, location, "shop", "2");
        MigrationResult second = ExistingDatabase.adopt(db, location, "shop", "2");

        assertThat(first.appliedFilenames()).containsExactly("004_notes.sql");
        assertThat(second.status()).isEqualTo(MigrationResult.Status.UP_TO_DATE);
    }

    @Test
    void appliesUpToATargetThenTakesALateFileOnlyWhenAllowed(DatabaseManager db) throws IOException {
        String location = files();

        assertThat(ExistingDatabase.applyUpTo(db, location, "shop", "2").appliedFilenames())
                .containsExactly("001_users.sql", "002_orders.sql");
        assertThat(ExistingDatabase.applyUpTo(db, location, "shop", "4").appliedFilenames()).containsExactly("004_notes.sql");
        Files.writeString(dir.resolve("003_from_a_branch.sql"), "CREATE TABLE {{tables.late}} (id int);");
        assertThatThrownBy(() -> ExistingDatabase.applyUpTo(db, location, "shop", "4"))
                .isInstanceOf(MigrationException.class).hasMessageContaining("003_from_a_branch.sql")
                .hasMessageContaining("004_notes.sql");
        assertThat(ExistingDatabase.applyLateFiles(db, location, "shop").appliedFilenames())
                .containsExactly("003_from_a_branch.sql");
    }
}

package io.pgdbm.junit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdbm.DatabaseManager;
import io.pgdbm.junit.PgdbmExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

// docs/testing.md, "The extension on its own" (no suite defaults here: each test's database starts empty)
@ExtendWith(PgdbmExtension.class)
class ScratchTableTest {

    @Test
    void createsItsOwnTable(DatabaseManager db) {
        db.execute("CREATE TABLE {{tables.scratch}} (id int PRIMARY KEY)");
        db.execute("INSERT INTO {{tables.scratch}} VALUES (1)");
        assertThat(db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.scratch}}")).isEqualTo(1L);
    }

    @Test
    void startsFromAnEmptyDatabaseAgain(DatabaseManager db) {
        assertThat(db.tableExists("scratch")).isFalse();
    }
}

package io.pgdbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private static TestDatabase database;
    private static DatabaseConfig config;
    private static DatabaseManager db;

    @BeforeAll
    static void start() {
        database = TestDatabase.create("tx");
        config = database.config();
        db = new DatabaseManager(config.toBuilder().schema("bank").minConnections(1).maxConnections(4).build());
        db.connect();
    }

    @AfterAll
    static void stop() {
        db.close();
        database.close();
    }

    @BeforeEach
    void table() {
        db.execute("DROP TABLE IF EXISTS {{tables.accounts}}; CREATE TABLE {{tables.accounts}} (id int PRIMARY KEY, balance int)");
    }

    private long count() {
        return db.fetchValue(Long.class, "SELECT count(*) FROM {{tables.accounts}}");
    }

    @Test
    void commitsWhenTheBodyReturns() {
        int result = db.transaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            tx.execute("INSERT INTO {{tables.accounts}} VALUES ($1, $2)", 2, 50);
            return tx.fetchValue(Integer.class, "SELECT sum(balance) FROM {{tables.accounts}}");
        });
        assertThat(result).isEqualTo(150);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void rollsBackAndRethrowsWhenTheBodyThrows() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            throw boom;
        })).isSameAs(boom);
        assertThat(count()).isZero();
    }

    @Test
    void checkedExceptionsAreRethrownUnchangedAfterRollback() {
        IOException disk = new IOException("disk");
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            throw disk;
        })).isSameAs(disk);
        assertThat(count()).isZero();
    }

    /** Compiles only because transaction(...) declares the body's checked exception type. */
    private static int transferOrFail(DatabaseManager db, boolean fail) throws IOException {
        return db.transaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (7, 70)");
            if (fail) {
                throw new IOException("declined");
            }
            return 70;
        });
    }

    @Test
    void theBodysCheckedExceptionTypeIsTheTransactionsOwn() throws IOException {
        assertThatThrownBy(() -> transferOrFail(db, true)).isExactlyInstanceOf(IOException.class).hasMessage("declined");
        assertThat(count()).isZero();
        assertThat(transferOrFail(db, false)).isEqualTo(70);
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void usingATransactionAfterItsBodyReturnedIsAnIllegalStateNamingTheMistake() {
        Transaction[] kept = new Transaction[1];
        db.useTransaction(tx -> kept[0] = tx);
        assertThatThrownBy(() -> kept[0].execute("INSERT INTO {{tables.accounts}} VALUES (1, 1)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Transaction whose body has already returned")
                .hasMessageContaining("inside the transaction(tx -> ...) body");
        assertThatThrownBy(() -> kept[0].connection()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kept[0].useSavepoint(sp -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kept[0].fetchStream("SELECT 1")).isInstanceOf(IllegalStateException.class);
        assertThat(count()).isZero();
    }

    @Test
    void aTransactionIsAlsoOverAfterItsBodyThrew() {
        Transaction[] kept = new Transaction[1];
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            kept[0] = tx;
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThatThrownBy(() -> kept[0].fetchAll("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withConnectionLendsThePoolsConnectionAndTakesItBack() throws Exception {
        int backend = db.withConnection(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(backend).isPositive();
        assertThat(db.poolStats().active()).isZero();
        assertThatThrownBy(() -> db.withConnection(c -> c.createStatement().executeQuery("SELECT * FROM missing_table")))
                .isInstanceOf(java.sql.SQLException.class);
        assertThat(db.poolStats().active()).isZero();
    }

    @Test
    void withConnectionInsideATransactionUsesTheTransactionsConnection() {
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.withConnection(c -> {
                try (var st = c.createStatement()) {
                    return st.executeUpdate("INSERT INTO " + db.prepareQuery("{{tables.accounts}}") + " VALUES (5, 5)");
                }
            });
            assertThat(tx.fetchValue(Long.class, "SELECT count(*) FROM {{tables.accounts}}")).isEqualTo(1);
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(count()).isZero();
    }

    @Test
    void serverErrorsInsideATransactionAreQueryExceptions() {
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
        })).isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.sqlState()).contains("23505"));
        assertThat(count()).isZero();
    }

    @Test
    void savepointRollsBackOnlyItsOwnWork() {
        db.useTransaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            assertThatThrownBy(() -> tx.useSavepoint(sp -> {
                sp.execute("INSERT INTO {{tables.accounts}} VALUES (2, 1)");
                sp.execute("INSERT INTO {{tables.accounts}} VALUES (1, 1)");
            })).isInstanceOf(QueryException.class);
            int nested = tx.savepoint(sp -> sp.savepoint(inner -> {
                inner.execute("INSERT INTO {{tables.accounts}} VALUES (3, 3)");
                return 3;
            }));
            assertThat(nested).isEqualTo(3);
        });
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.accounts}} ORDER BY id")).containsExactly(1, 3);
    }

    @Test
    void workOutsideTheTransactionIsNotPartOfIt() {
        assertThatThrownBy(() -> db.useTransaction(tx -> {
            tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 100)");
            db.execute("INSERT INTO {{tables.accounts}} VALUES (2, 200)");
            throw new IllegalStateException("undo");
        })).hasMessage("undo");
        assertThat(db.fetchAll(Integer.class, "SELECT id FROM {{tables.accounts}}")).containsExactly(2);
    }

    @Test
    void connectionIsReturnedInAutocommitAfterwards() {
        db.useTransaction(tx -> tx.execute("INSERT INTO {{tables.accounts}} VALUES (1, 1)"));
        for (int i = 0; i < 8; i++) {
            db.execute("INSERT INTO {{tables.accounts}} VALUES ($1, 1)", 10 + i);
        }
        assertThat(count()).isEqualTo(9);
        assertThat(db.poolStats().active()).isZero();
    }
}

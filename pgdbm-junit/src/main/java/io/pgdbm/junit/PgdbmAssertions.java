package io.pgdbm.junit;

import io.pgdbm.DatabaseManager;
import io.pgdbm.migration.MigrationResult;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on database state and migration results. AssertJ is an optional dependency of pgdbm-junit:
 * add {@code org.assertj:assertj-core} to use this class; nothing else in pgdbm-junit needs it.
 *
 * <pre>{@code
 * import static io.pgdbm.junit.PgdbmAssertions.assertThat;
 *
 * assertThat(db).hasTable("users").inSchema("app");
 * assertThat(db).table("users").hasRowCount(3);
 * assertThat(db).query("SELECT 1 FROM {{tables.users}} WHERE email = $1", "ada@example.com").returnsRows();
 * assertThat(migrations.applyPending()).applied("001_users.sql", "002_orders.sql");
 * }</pre>
 *
 * <p>Table names follow {@link TestData}: {@code {{tables.x}}}, {@code x} (in the manager's schema) or {@code s.x}.
 */
public final class PgdbmAssertions {
    private PgdbmAssertions() {
    }

    public static DatabaseAssert assertThat(DatabaseManager actual) {
        return new DatabaseAssert(actual);
    }

    /** Assertions on the test database's {@link TestDatabase#manager()}. */
    public static DatabaseAssert assertThat(TestDatabase actual) {
        return new DatabaseAssert(actual.manager());
    }

    public static MigrationResultAssert assertThat(MigrationResult actual) {
        return new MigrationResultAssert(actual);
    }

    /** Assertions on what a database holds. */
    public static final class DatabaseAssert extends AbstractAssert<DatabaseAssert, DatabaseManager> {
        DatabaseAssert(DatabaseManager actual) {
            super(actual, DatabaseAssert.class);
        }

        /**
         * The table (or view) exists: {@code s.x} in schema {@code s}; {@code x} in the manager's schema, or in any
         * schema for a manager without one (or in {@code public}) — then say where with {@link TableAssert#inSchema}.
         */
        public TableAssert hasTable(String table) {
            isNotNull();
            TableAssert t = new TableAssert(actual, table);
            if (t.schemas().isEmpty()) {
                failWithMessage("Expected table <%s> to exist%s, but it does not", table,
                        actual.schema().filter(s -> !s.equals("public")).map(s -> " in schema " + s).orElse(""));
            }
            return t;
        }

        public DatabaseAssert doesNotHaveTable(String table) {
            isNotNull();
            List<String> found = new TableAssert(actual, table).schemas();
            if (!found.isEmpty()) {
                failWithMessage("Expected no table <%s>, but it exists in schema(s) %s", table, found);
            }
            return this;
        }

        /** The table, for row-count assertions; fails later if it does not exist. */
        public TableAssert table(String table) {
            isNotNull();
            return new TableAssert(actual, table);
        }

        /** A query ({@code $1}-style parameters, templated), for assertions on whether it returns rows. */
        public QueryAssert query(String sql, Object... args) {
            isNotNull();
            return new QueryAssert(actual, sql, args);
        }
    }

    /** Assertions on one table. */
    public static final class TableAssert extends AbstractAssert<TableAssert, String> {
        private final DatabaseManager db;

        TableAssert(DatabaseManager db, String table) {
            super(table, TableAssert.class);
            this.db = db;
        }

        /** The schemas the table is found in (restricted to the manager's schema, or the given one, if any). */
        List<String> schemas() {
            TestData.table(db, actual); // validates the name
            String[] parts = actual.trim().replaceAll("^\\{\\{tables\\.|}}$", "").split("\\.");
            return schemasOf(db, parts[parts.length - 1], parts.length == 2 ? parts[0] : ownSchema(db));
        }

        /** The manager's own schema; {@code null} (any schema) for a manager in {@code public} or on the search path. */
        private static String ownSchema(DatabaseManager db) {
            return db.schema().filter(s -> !s.equals("public")).orElse(null);
        }

        private static List<String> schemasOf(DatabaseManager db, String name, String schema) {
            return db.fetchAll(String.class, "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ($2::text IS NULL OR n.nspname = $2)"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", name, schema);
        }

        /** The table exists in {@code schema}. */
        public TableAssert inSchema(String schema) {
            TestData.table(db, actual);
            String[] parts = actual.trim().replaceAll("^\\{\\{tables\\.|}}$", "").split("\\.");
            String name = parts[parts.length - 1];
            if (schemasOf(db, name, schema).isEmpty()) {
                failWithMessage("Expected table <%s> in schema <%s>, but it is in %s", name, schema,
                        schemasOf(db, name, null));
            }
            return new TableAssert(db, schema + "." + name);
        }

        public TableAssert hasRowCount(long expected) {
            long count = TestData.countRows(db, actual);
            if (count != expected) {
                failWithMessage("Expected table <%s> to have %s row(s), but it has %s", actual, expected, count);
            }
            return this;
        }

        public TableAssert isEmpty() {
            return hasRowCount(0);
        }

        public TableAssert isNotEmpty() {
            if (TestData.countRows(db, actual) == 0) {
                failWithMessage("Expected table <%s> to have rows, but it is empty", actual);
            }
            return this;
        }
    }

    /** Assertions on a query's result. */
    public static final class QueryAssert extends AbstractAssert<QueryAssert, String> {
        private final DatabaseManager db;
        private final Object[] args;

        QueryAssert(DatabaseManager db, String sql, Object[] args) {
            super(sql, QueryAssert.class);
            this.db = db;
            this.args = args.clone();
        }

        public QueryAssert returnsRows() {
            if (db.fetchAll(actual, args).isEmpty()) {
                failWithMessage("Expected query <%s> with arguments %s to return rows, but it returned none", actual,
                        Arrays.toString(args));
            }
            return this;
        }

        public QueryAssert returnsNoRows() {
            int n = db.fetchAll(actual, args).size();
            if (n != 0) {
                failWithMessage("Expected query <%s> with arguments %s to return no rows, but it returned %s", actual,
                        Arrays.toString(args), n);
            }
            return this;
        }

        public QueryAssert returnsRowCount(int expected) {
            int n = db.fetchAll(actual, args).size();
            if (n != expected) {
                failWithMessage("Expected query <%s> to return %s row(s), but it returned %s", actual, expected, n);
            }
            return this;
        }
    }

    /** Assertions on a {@link MigrationResult}. */
    public static final class MigrationResultAssert extends AbstractAssert<MigrationResultAssert, MigrationResult> {
        MigrationResultAssert(MigrationResult actual) {
            super(actual, MigrationResultAssert.class);
        }

        /** These files, exactly and in this order, were applied by the run. */
        public MigrationResultAssert applied(String... filenames) {
            isNotNull();
            if (!actual.appliedFilenames().equals(List.of(filenames))) {
                failWithMessage("Expected module <%s> to have applied %s, but it applied %s (status %s, already applied %s)",
                        actual.module(), List.of(filenames), actual.appliedFilenames(), actual.status(), actual.skipped());
            }
            return this;
        }

        public MigrationResultAssert isUpToDate() {
            return hasStatus(MigrationResult.Status.UP_TO_DATE);
        }

        public MigrationResultAssert succeeded() {
            return hasStatus(MigrationResult.Status.SUCCESS);
        }

        public MigrationResultAssert hasStatus(MigrationResult.Status status) {
            isNotNull();
            if (actual.status() != status) {
                failWithMessage("Expected module <%s> to be %s, but it was %s (applied %s)", actual.module(), status,
                        actual.status(), actual.appliedFilenames());
            }
            return this;
        }
    }
}

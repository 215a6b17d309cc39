package io.pgdbm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated migration sets shared by the benchmarks. File names {@code V001__table_1.sql} suit both pgdbm and
 * Flyway; each file creates a table and an index, like a typical schema-building migration.
 */
final class MigrationFiles {
    private MigrationFiles() {
    }

    /** {@code count} files creating tables, written with {@code {{tables.x}}} when {@code templated}. */
    static Path tables(int count, boolean templated) throws IOException {
        Path dir = Files.createTempDirectory("pgdbm-bench-migrations-" + count + "-");
        dir.toFile().deleteOnExit();
        for (int i = 1; i <= count; i++) {
            String table = templated ? "{{tables.t" + i + "}}" : "t" + i;
            String sql = "CREATE TABLE " + table + " (id bigserial PRIMARY KEY, name text NOT NULL, "
                    + "created_at timestamptz DEFAULT now());\nCREATE INDEX t" + i + "_name ON " + table + " (name);\n";
            Path file = dir.resolve(String.format("V%03d__table_%d.sql", i, i));
            Files.writeString(file, sql);
            file.toFile().deleteOnExit();
        }
        return dir;
    }

    /** {@code count} trivial files, for the nothing-pending check. */
    static Path trivial(int count) throws IOException {
        Path dir = Files.createTempDirectory("pgdbm-bench-trivial-");
        dir.toFile().deleteOnExit();
        for (int i = 1; i <= count; i++) {
            Path file = dir.resolve(String.format("V%04d__step.sql", i));
            Files.writeString(file, "SELECT " + i + ";\n");
            file.toFile().deleteOnExit();
        }
        return dir;
    }

    /**
     * {@code count} (a multiple of 8) files of the kinds real projects hold, in groups of eight: an enum, a value added
     * to it, a table using that value as default with indexes (one partial, on the new value), a PL/pgSQL trigger
     * function and its trigger, a SQL-standard function body ({@code BEGIN ATOMIC}), rows, a view, and an
     * {@code ALTER TABLE} with a unique index and a comment. Every file must be committed before the next runs.
     */
    static Path realistic(int count) throws IOException {
        Path dir = Files.createTempDirectory("pgdbm-bench-realistic-" + count + "-");
        dir.toFile().deleteOnExit();
        int n = 0;
        for (int g = 1; g <= count / 8; g++) {
            String t = "orders_" + g;
            String[] files = {
                "CREATE TYPE status_" + g + " AS ENUM ('new', 'paid');\n",
                "ALTER TYPE status_" + g + " ADD VALUE 'shipped';\n",
                "CREATE TABLE " + t + " (id bigserial PRIMARY KEY, customer text NOT NULL,\n"
                        + "  status status_" + g + " NOT NULL DEFAULT 'shipped', total numeric(12,2),\n"
                        + "  created_at timestamptz NOT NULL DEFAULT now());\n"
                        + "CREATE INDEX " + t + "_customer ON " + t + " (customer);\n"
                        + "CREATE INDEX " + t + "_shipped ON " + t + " (created_at) WHERE status = 'shipped';\n",
                "CREATE FUNCTION " + t + "_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                        + "  NEW.total := coalesce(NEW.total, 0);\n  RETURN NEW;\nEND;\n$$;\n"
                        + "CREATE TRIGGER " + t + "_touch BEFORE INSERT OR UPDATE ON " + t
                        + " FOR EACH ROW EXECUTE FUNCTION " + t + "_touch();\n",
                "CREATE FUNCTION " + t + "_total(p_customer text) RETURNS numeric\nLANGUAGE sql STABLE\nBEGIN ATOMIC\n"
                        + "  SELECT coalesce(sum(total), 0) FROM " + t + " WHERE customer = p_customer;\nEND;\n",
                "INSERT INTO " + t + " (customer, total) SELECT 'c' || i, i FROM generate_series(1, 50) i;\n",
                "CREATE VIEW shipped_" + g + " AS SELECT customer, " + t + "_total(customer) AS total FROM " + t
                        + " WHERE status = 'shipped';\n",
                "ALTER TABLE " + t + " ADD COLUMN note text;\n"
                        + "CREATE UNIQUE INDEX " + t + "_customer_uq ON " + t + " (customer, id);\n"
                        + "COMMENT ON TABLE " + t + " IS 'orders of group " + g + "';\n",
            };
            for (String sql : files) {
                n++;
                Path file = dir.resolve(String.format("V%04d__step_%d.sql", n, n));
                Files.writeString(file, sql);
                file.toFile().deleteOnExit();
            }
        }
        return dir;
    }
}

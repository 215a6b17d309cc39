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
}

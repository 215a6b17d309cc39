package io.pgdbm.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgdbm.DatabaseConfig;
import io.pgdbm.DatabaseManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each corpus set applied by {@link MigrationManager} into one database and by psql into another — one psql run per
 * file, {@code -1} (one transaction) unless the file is {@code -- pgdbm:no-transaction} — gives the same schema
 * ({@code pg_dump --schema-only}, pgdbm's history table removed) and the same rows. Skipped when psql or pg_dump is
 * not on the PATH.
 */
class PsqlEquivalenceTest {
    private static MigrationTestSupport support;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        assumeTrue(runs("psql") && runs("pg_dump"), "psql and pg_dump do not run here: the comparison with "
                + "psql is skipped (install the PostgreSQL client to run it)");
        support = new MigrationTestSupport();
    }

    @AfterAll
    static void stop() {
        if (support != null) {
            support.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"enum_add_then_use", "set_local", "search_path_reset", "begin_atomic", "own_commit",
            "line_endings", "symlinks"})
    void psqlApplyingEachFileInItsOwnTransactionGivesTheSameSchemaAndRows(String set) throws Exception {
        Path dir = MigrationCorpusTest.corpus(set, tmp);
        DatabaseConfig byPgdbm = support.newDatabase();
        DatabaseConfig byPsql = support.newDatabase();

        MigrationCorpusTest.migrate(byPgdbm, dir);
        for (Path file : filesInOrder(dir)) {
            boolean noTransaction = MigrationSource.universalNewlines(Files.readString(file)).lines()
                    .anyMatch(l -> l.matches("-- pgdbm:no-transaction(\\s.*)?"));
            List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"));
            if (!noTransaction) {
                command.add("-1");
            }
            command.addAll(List.of("-d", byPsql.toUrl(), "-f", file.toString()));
            run(command);
        }
        try (DatabaseManager db = new DatabaseManager(byPgdbm.toBuilder().minConnections(0).maxConnections(1).build())) {
            db.connect();
            db.execute("DROP TABLE public.schema_migrations");
        }

        assertThat(dump(byPgdbm, "--schema-only")).isEqualTo(dump(byPsql, "--schema-only"));
        if (!set.equals("line_endings")) { // psql keeps a CR inside a literal; pgdbm reads files as Python does
            assertThat(dump(byPgdbm, "--data-only")).isEqualTo(dump(byPsql, "--data-only"));
        }
    }

    /** The files psql gets, in pgdbm's order: each discovered migration by the path that names it. */
    private static List<Path> filesInOrder(Path dir) throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.toString().endsWith(".sql") && Files.exists(p)).toList()) {
                byName.put(p.toRealPath().getFileName().toString(), p);
            }
        }
        return MigrationManager.discover(dir.toString()).stream().map(m -> byName.get(m.filename())).toList();
    }

    private static String dump(DatabaseConfig config, String what) throws Exception {
        String out = run(List.of("pg_dump", what, "--no-owner", "--no-privileges", "-d", config.toUrl()));
        // pg_dump names neither database in its output; \restrict lines carry a random key per run
        return out.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command.get(0) + " failed: " + text).isZero();
        return text;
    }

    /** Whether the tool runs: Debian's wrapper scripts are on the PATH even when no client package is installed. */
    private static boolean runs(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
